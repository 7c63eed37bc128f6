// Programme pages need no JavaScript: server-rendered HTML only.
export const csr = false;
