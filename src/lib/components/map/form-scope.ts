// Which form on a page of many an action's answer belongs to, read from the fields it echoes back.
type Values = Record<string, string> | undefined;

const isHandoff = (v: Values) => !!v && 'fromActorId' in v;
const isActor = (v: Values) => !!v && 'sector' in v && !isHandoff(v);

export const forNewActor = (v: Values) => isActor(v) && !v!.id;
export const forNewHandoff = (v: Values) => isHandoff(v) && !v!.id;
export const forActor = (v: Values, id: string) => isActor(v) && v!.id === id;
export const forHandoff = (v: Values, id: string) => isHandoff(v) && v!.id === id;
