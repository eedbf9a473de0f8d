import { z } from 'zod';

/** Body of every 4xx/5xx answer of the API. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const RoleSchema = z.enum(['viewer', 'engineer', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

/** Who is calling: from an API token, or anonymous where reads are open. */
export interface Principal {
  name: string;
  role: Role | 'anonymous';
}

export const DependencyStatusSchema = z.object({
  status: z.enum(['up', 'down']),
  latencyMs: z.number().optional(),
  message: z.string().optional(),
});
