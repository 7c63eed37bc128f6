// A programme page: the same for everyone and needing no JavaScript, so it is built once and served as a file.
export const prerender = true;
export const csr = false;
