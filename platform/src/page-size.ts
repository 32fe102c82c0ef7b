/**
 * Page sizes, apart from the pagination types so that code without decorators (the operation limits,
 * read by the configuration) can use them.
 */

/** The rows a connection returns when `first` is not given. */
export const DEFAULT_PAGE_SIZE = 20;
/** The most rows one page may ask for. */
export const MAX_PAGE_SIZE = 500;
