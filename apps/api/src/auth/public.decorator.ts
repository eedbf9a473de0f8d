import { SetMetadata } from '@nestjs/common';
import type { Role } from '@memegraph/contracts';

export const ACCESS_KEY = 'memegraph:access';

/** Who may call a route: `public` (probes, metrics), `read` (viewer and up, or anyone when reads are open), or a minimum role. */
export type Access = 'public' | 'read' | Role;

export const Access = (access: Access) => SetMetadata(ACCESS_KEY, access);
