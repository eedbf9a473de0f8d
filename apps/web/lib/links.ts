/** In-app links shared by the pages. */
export const graphLink = (nodeId: string) => `/graph?node=${encodeURIComponent(nodeId)}`;
export const rootCauseLink = (classId: string) => `/root-causes/${encodeURIComponent(classId)}`;
export const alertLink = (id: string) => `/alerts/${encodeURIComponent(id)}`;
export const profileLink = (id: string) => `/profiles/${encodeURIComponent(id)}`;
export const memeLink = (id: string) => `/memes?id=${encodeURIComponent(id)}`;
