// A list to read: no JavaScript needed.
export const csr = false;
