/** Page sizes shared by server pages and the client components that page further. */
export const STOP_LOG_PAGE = 100;
