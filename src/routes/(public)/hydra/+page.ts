// The explainer, the sessions with places left and the request form: server-rendered with no JavaScript; the form is a
// plain post that the server answers with the page again (errors beside their fields) or a redirect to the thanks.
export const csr = false;
