import { z } from 'zod';
import { staffOnly } from '../auth/auth-middleware';
import type { Services } from '../container';
import type { ApiRouter } from '../platform/http/api-router';
import type { AppContext } from '../platform/http/koa-types';
import {
  EndSupplierBody,
  NewAgreementBody,
  NewSupplierBody,
  SupplierCodeSchema,
  SupplierViewSchema,
} from './supplier-schemas';

const staffActor = (ctx: AppContext) => `staff:${ctx.state.staffId as string}`;
const CodeParams = z.object({ code: SupplierCodeSchema });

/** The supplier register (C-4.1.4b), kept by the privacy officer. */
export function registerSupplierRoutes(api: ApiRouter, services: Services): void {
  const privacyOfficer = staffOnly(services.staff, ['privacy-officer']);
  const { register } = services.suppliers;
  const admin = { tags: ['suppliers'], security: 'staffToken' as const, before: [privacyOfficer] };

  api.route({
    ...admin,
    method: 'post',
    path: '/v1/admin/suppliers',
    summary: 'Register a supplier that touches customer data, with the fields it receives',
    status: 201,
    body: NewSupplierBody,
    response: SupplierViewSchema,
    handler: ({ body, ctx }) => register.register(body, staffActor(ctx)),
  });

  api.route({
    ...admin,
    method: 'get',
    path: '/v1/admin/suppliers',
    summary: 'Every supplier with the state of its confidentiality agreement today',
    response: z.object({ suppliers: z.array(SupplierViewSchema) }),
    handler: async () => ({ suppliers: await register.list() }),
  });

  api.route({
    ...admin,
    method: 'get',
    path: '/v1/admin/suppliers/:code',
    summary: 'One supplier with all its confidentiality agreements',
    params: CodeParams,
    response: SupplierViewSchema,
    handler: ({ params }) => register.view(params.code),
  });

  api.route({
    ...admin,
    method: 'post',
    path: '/v1/admin/suppliers/:code/agreements',
    summary: "File a supplier's confidentiality agreement (a renewal is a new agreement)",
    status: 201,
    params: CodeParams,
    body: NewAgreementBody,
    response: SupplierViewSchema,
    handler: ({ params, body, ctx }) => register.addAgreement(params.code, body, staffActor(ctx)),
  });

  api.route({
    ...admin,
    method: 'post',
    path: '/v1/admin/suppliers/:code/end',
    summary: 'End the relationship: from now on nothing goes to this supplier',
    params: CodeParams,
    body: EndSupplierBody,
    response: SupplierViewSchema,
    handler: ({ params, body, ctx }) => register.end(params.code, body.reason, staffActor(ctx)),
  });
}
