import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError, type Principal, type Role } from '@memegraph/contracts';
import { type Config } from '@memegraph/config';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Request } from 'express';
import { CONFIG } from '../infra/tokens';
import { ACCESS_KEY, type Access } from './public.decorator';

const rank: Record<Role, number> = { viewer: 1, engineer: 2, admin: 3 };

// Hash both sides first so the comparison is constant-time whatever the lengths.
const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Puts a principal on every request. Routes default to "engineer" so a forgotten
 * decorator fails closed; reads may be opened for development with OPEN_READS.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const access = this.reflector.getAllAndOverride<Access>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]) ?? 'engineer';
    // Public routes (probes, webhooks with their own credentials) ignore API tokens entirely.
    if (access === 'public') {
      req.principal = { name: 'anonymous', role: 'anonymous' };
      return true;
    }
    const principal = this.authenticate(req.headers.authorization);
    req.principal = principal;
    if (access === 'read' && this.config.OPEN_READS) return true;
    if (principal.role === 'anonymous') throw new AppError('UNAUTHENTICATED', 'an API token is required: send "Authorization: Bearer <token>"');
    const needed: Role = access === 'read' ? 'viewer' : access;
    if (rank[principal.role] < rank[needed]) throw new AppError('FORBIDDEN', `this action needs the ${needed} role; token "${principal.name}" is ${principal.role}`);
    return true;
  }

  private authenticate(header: string | undefined): Principal {
    if (!header) return { name: 'anonymous', role: 'anonymous' };
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('UNAUTHENTICATED', 'malformed Authorization header: expected "Bearer <token>"');
    const given = digest(match[1]!);
    // Check every token (no early exit) so timing does not reveal which one matched.
    let found: Principal | undefined;
    for (const t of this.config.API_TOKENS) {
      if (timingSafeEqual(given, digest(t.token)) && !found) found = { name: t.name, role: t.role };
    }
    if (!found) throw new AppError('UNAUTHENTICATED', 'unknown API token');
    return found;
  }
}
