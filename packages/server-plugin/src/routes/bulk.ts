import type { BulkRevokePreview, BulkRevokeResult, BulkSelection, DirectoryUser } from '@sessionkit/core';
import { MAX_BULK_PEOPLE } from '@sessionkit/core';
import type { Request } from 'express';
import { z } from 'zod';
import type { Routes } from '../http/forwardRejections.js';
import { reasonText, userId } from '../http/inputs.js';
import type { RouteKit } from './routeKit.js';
import { noInput } from './schemas.js';

const selectionFields = {
  userIds: z
    .array(userId, { error: 'must be a list of user ids' })
    .min(1, { error: 'pick at least one person' })
    .max(MAX_BULK_PEOPLE, { error: `must name at most ${MAX_BULK_PEOPLE} people` })
    .optional(),
  filter: z
    .strictObject(
      {
        q: z
          .string({ error: 'must be text' })
          .max(200, { error: 'must be at most 200 characters' })
          .optional(),
        superUser: z.boolean({ error: 'must be true or false' }).optional(),
      },
      { error: 'must be the team view’s filter: { q?, superUser? }' },
    )
    .optional(),
};

type SelectionInput = {
  userIds?: string[] | undefined;
  filter?: { q?: string; superUser?: boolean } | undefined;
};

// Exactly one of the two: an action over both would be ambiguous about whom it takes.
const oneSelection = (body: SelectionInput, ctx: z.RefinementCtx) => {
  if ((body.userIds === undefined) === (body.filter === undefined))
    ctx.addIssue({ code: 'custom', path: ['userIds'], message: 'send either userIds or filter' });
};

const previewBody = z.strictObject(selectionFields).superRefine(oneSelection);
const requiredReason = reasonText.refine((r) => r.length > 0, { error: 'is required' });

/**
 * Bulk force logout in Login management: a preview for the confirmation, then the action. Both ask the host's
 * access rule for the account, then core asks it again for each person.
 */
export function bulkRoutes(router: Routes, r: RouteKit): void {
  const { service } = r.kit;
  const executeBody = z
    .strictObject({
      ...selectionFields,
      reason: r.kit.requireForceLogoutReason ? requiredReason : reasonText.optional(),
    })
    .superRefine(oneSelection);

  const options = (req: Request) => {
    const c = r.ctx(req);
    return {
      actor: { ...r.actor(req), userId: c.userId, user: c.user ?? null },
      // The same question a single force logout asks of its one person.
      mayActOn: async (target: DirectoryUser | null) =>
        Boolean(
          await r.kit.authorize({
            action: 'admin',
            tenantId: c.tenantId,
            actorId: c.userId,
            actor: c.user ?? null,
            target,
          }),
        ),
    };
  };

  router.post('/admin/bulk-force-logout/preview', async (req, res) => {
    const { body } = r.input(req, { query: noInput, body: previewBody });
    await r.allow(req, 'admin');
    const preview = await service.bulk.preview(r.ctx(req).tenantId, selectionOf(body), options(req));
    res.json(preview satisfies BulkRevokePreview);
  });

  router.post('/admin/bulk-force-logout', async (req, res) => {
    const { body } = r.input(req, { query: noInput, body: executeBody });
    await r.allow(req, 'admin');
    const c = r.ctx(req);
    const result = await service.bulk.execute(
      c.tenantId,
      selectionOf(body),
      body.reason || null,
      options(req),
    );
    res.json(result satisfies BulkRevokeResult);
  });
}

function selectionOf(body: SelectionInput): BulkSelection {
  if (body.userIds) return { userIds: body.userIds };
  const filter = body.filter ?? {};
  return {
    filter: {
      ...(filter.q !== undefined ? { q: filter.q } : {}),
      ...(filter.superUser !== undefined ? { superUser: filter.superUser } : {}),
    },
  };
}
