// Static: the same for everyone, so it is built once and served as a file.
export const prerender = true;
