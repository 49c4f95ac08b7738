import { useEffect, useRef } from 'react';
import { ErrorNotice } from './ErrorNotice';
import type { PagedConnection } from './usePagedConnection';

interface LoadMoreProps {
  page: PagedConnection;
  /** Load the next page when the end of the list scrolls into view (infinite scroll); the button stays for keyboards. */
  auto?: boolean;
}

/** The end of a paged list: loads the next page by button, or on scroll with `auto`. */
export function LoadMore({ page: { hasMore, loadingMore, loadMoreError, loadMore }, auto = false }: LoadMoreProps) {
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!auto || !hasMore || !sentinel.current || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void loadMore();
    });
    observer.observe(sentinel.current);
    return () => observer.disconnect();
  }, [auto, hasMore, loadMore]);
  if (!hasMore && !loadMoreError) return null;
  return (
    <div ref={sentinel} className="load-more">
      {loadMoreError && <ErrorNotice error={loadMoreError} title="Could not load more" />}
      {hasMore && (
        <button type="button" onClick={() => void loadMore()} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
