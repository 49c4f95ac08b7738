import { useEffect, useRef } from 'react';
import type { CombinedError } from 'urql';
import { ErrorNotice } from './ErrorNotice';

interface LoadMoreProps {
  hasMore: boolean;
  loading: boolean;
  error?: CombinedError;
  onLoadMore: () => void;
  /** Load the next page when the end of the list scrolls into view (infinite scroll); the button stays for keyboards. */
  auto?: boolean;
}

/** The end of a paged list: loads the next page by button, or on scroll with `auto`. */
export function LoadMore({ hasMore, loading, error, onLoadMore, auto = false }: LoadMoreProps) {
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!auto || !hasMore || !sentinel.current || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && onLoadMore());
    observer.observe(sentinel.current);
    return () => observer.disconnect();
  }, [auto, hasMore, onLoadMore]);
  if (!hasMore && !error) return null;
  return (
    <div ref={sentinel} className="load-more">
      {error && <ErrorNotice error={error} title="Could not load more" />}
      {hasMore && (
        <button type="button" onClick={onLoadMore} disabled={loading}>
          {loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
