import { useEffect, useState } from 'react';
import {
  useDeleteMyAccountMutation,
  useMyDataRequestsQuery,
  useRequestDataExportMutation,
  type DataSubjectRequestRowFragment,
  type DataSubjectRequestStatus,
} from '../../generated/graphql';
import { useSession } from '../../session/SessionProvider';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime } from '../../ui/format';

/** How often an unfinished request's status is asked again. */
const POLL_MS = 3000;

const STATUS_LABELS: Record<DataSubjectRequestStatus, string> = {
  PENDING: 'Queued',
  RUNNING: 'In progress',
  COMPLETED: 'Ready',
  FAILED: 'Failed',
};

const unfinished = (request: DataSubjectRequestRowFragment) => request.status === 'PENDING' || request.status === 'RUNNING';

/**
 * The person's data rights: an export of their data (its status, then a link that works once,
 * for 24 hours, with their own credentials) and deleting their account (asked first; it signs
 * them out, as every session of theirs ends at once).
 */
export function DataRequestsSection() {
  const { session, signOut } = useSession();
  const [requests, reexecute] = useMyDataRequestsQuery({ requestPolicy: 'cache-and-network' });
  const [exporting, requestExport] = useRequestDataExportMutation();
  const [deletion, deleteAccount] = useDeleteMyAccountMutation();
  const [download, setDownload] = useState<{ running: boolean; failed?: string }>({ running: false });
  const exports = (requests.data?.dataSubjectRequests ?? []).filter((r) => r.kind === 'EXPORT');
  const latest = exports[0];

  useEffect(() => {
    if (!latest || !unfinished(latest)) return;
    const timer = setTimeout(() => reexecute({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearTimeout(timer);
  }, [latest, reexecute]);

  if (!session) return null;

  async function startExport() {
    const result = await requestExport({});
    if (result.data) reexecute({ requestPolicy: 'network-only' });
  }

  /** The link needs the person's credentials, so the browser fetches it and saves what comes back. */
  async function save(request: DataSubjectRequestRowFragment) {
    setDownload({ running: true });
    const answer = await fetch(request.downloadUrl!, { headers: { authorization: `Bearer ${session!.accessToken}` } }).catch(() => null);
    if (!answer?.ok) {
      setDownload({
        running: false,
        failed: answer?.status === 404 ? 'The link was used or has expired: request a new export.' : 'The download failed: try again.',
      });
      reexecute({ requestPolicy: 'network-only' });
      return;
    }
    const url = URL.createObjectURL(await answer.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `flowgraph-export-${request.id}.json`;
    link.click();
    URL.revokeObjectURL(url);
    setDownload({ running: false });
    reexecute({ requestPolicy: 'network-only' });
  }

  async function erase() {
    const result = await deleteAccount({ confirmEmail: session!.user.email });
    if (result.data) await signOut();
  }

  return (
    <>
      <h3>Export your data</h3>
      <p className="muted">
        An archive of everything Flowgraph holds about you, from every part of the platform. It can be downloaded once, within 24 hours.
      </p>
      {exporting.error && <ErrorNotice error={exporting.error} title="Could not request the export" />}
      {requests.error && <ErrorNotice error={requests.error} title="Could not load your requests" />}
      {latest && (
        <p aria-live="polite">
          Export requested {formatDateTime(latest.requestedAt)}: <strong>{STATUS_LABELS[latest.status]}</strong>
          {latest.status === 'COMPLETED' && !latest.downloadUrl && ' (downloaded or expired)'}
          {latest.expiresAt && latest.downloadUrl && `, until ${formatDateTime(latest.expiresAt)}`}
        </p>
      )}
      {download.failed && (
        <p role="alert" className="notice notice-error">
          {download.failed}
        </p>
      )}
      {latest?.downloadUrl ? (
        <button type="button" className="primary" disabled={download.running} onClick={() => void save(latest)}>
          {download.running ? 'Downloading…' : 'Download export'}
        </button>
      ) : (
        <button
          type="button"
          disabled={exporting.fetching || (latest !== undefined && unfinished(latest))}
          onClick={() => void startExport()}
        >
          Request an export
        </button>
      )}
      <h3>Delete your account</h3>
      <p className="muted">
        Erases your account and your data everywhere; organizations you are the only member of go with it. Workflows you wrote in
        organizations that live on stay there, no longer naming you. The audit log keeps its entries under a pseudonym. This cannot be
        undone.
      </p>
      {deletion.error && <ErrorNotice error={deletion.error} title="Could not delete your account" />}
      <ConfirmButton
        label="Delete my account"
        danger
        disabled={deletion.fetching}
        question={`Delete the account ${session.user.email} and all of its data, for good?`}
        confirmLabel="Delete my account for good"
        onConfirm={() => void erase()}
      />
    </>
  );
}
