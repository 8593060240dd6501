/**
 * "Previous page" / "Next page" over a keyset connection: `cursors` holds the cursor each page
 * before this one started after (no page numbers, no offsets). Shown only when there is more than
 * one page.
 */
export function Pager({
  label,
  cursors,
  setCursors,
  pageInfo,
  fetching,
}: {
  label: string;
  cursors: Array<string | null>;
  setCursors: (cursors: Array<string | null>) => void;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  fetching: boolean;
}) {
  if (!pageInfo.hasNextPage && cursors.length <= 1) {
    return null;
  }
  return (
    <nav className="pager" aria-label={label}>
      <button
        type="button"
        className="button button--secondary"
        disabled={cursors.length <= 1 || fetching}
        onClick={() => setCursors(cursors.slice(0, -1))}
      >
        Previous page
      </button>
      <button
        type="button"
        className="button button--secondary"
        disabled={!pageInfo.hasNextPage || fetching}
        onClick={() => setCursors([...cursors, pageInfo.endCursor ?? null])}
      >
        Next page
      </button>
    </nav>
  );
}
