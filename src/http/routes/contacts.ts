// /api/v1/contacts: people and addresses at customers, with their per-channel opt-outs.
import { createRoute } from '@hono/zod-openapi';
import { createContact } from '../../app/customers/create-contact.ts';
import { updateContact } from '../../app/customers/update-contact.ts';
import { findContact, listContacts } from '../../db/queries/contacts.ts';
import { AppError } from '../../errors.ts';
import type { HttpDeps } from '../env.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { IdParams, json, jsonBody, problems } from '../schemas/common.ts';
import { Contact, ContactListQuery, ContactPage, CreateContact, toContact, UpdateContact } from '../schemas/contacts.ts';
import { pageRequest, toPage } from '../schemas/pagination.ts';

const tags = ['Contacts'];

const list = createRoute({
  method: 'get',
  path: '/contacts',
  tags,
  summary: 'List contacts',
  request: { query: ContactListQuery },
  responses: { 200: json(ContactPage, 'A page of contacts, by id'), ...problems(400, 401) },
});

const get = createRoute({
  method: 'get',
  path: '/contacts/{id}',
  tags,
  summary: 'Get a contact',
  request: { params: IdParams },
  responses: { 200: json(Contact, 'The contact'), ...problems(400, 401, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/contacts',
  tags,
  summary: 'Add a contact to a customer',
  description: 'An email, phone or address given without its source is recorded as coming from the API.',
  request: { body: jsonBody(CreateContact) },
  responses: { 201: json(Contact, 'The contact created'), ...problems(400, 401, 403, 404) },
});

const update = createRoute({
  method: 'patch',
  path: '/contacts/{id}',
  tags,
  summary: 'Change a contact or its opt-outs',
  description: 'Fields left out keep their value; null clears a field. `optOut` changes only the channels it names.',
  request: { params: IdParams, body: jsonBody(UpdateContact) },
  responses: { 200: json(Contact, 'The contact as changed'), ...problems(400, 401, 403, 404) },
});

export function contactRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(list, async (c) => {
      const { limit, cursor, ...filters } = c.req.valid('query');
      const page = await listContacts(db, c.get('principal').orgId, filters, pageRequest({ limit, cursor }));
      return sendJson(c, ContactPage, toPage(page, toContact), 200);
    })
    .openapi(get, async (c) => {
      const { id } = c.req.valid('param');
      const row = await findContact(db, c.get('principal').orgId, id);
      if (!row) throw new AppError('not_found', `there is no contact ${id}`);
      return sendJson(c, Contact, toContact(row), 200);
    })
    .openapi(create, async (c) => {
      const row = await createContact(db, c.get('principal').orgId, c.req.valid('json'));
      return sendJson(c, Contact, toContact(row), 201);
    })
    .openapi(update, async (c) => {
      const row = await updateContact(db, c.get('principal').orgId, c.req.valid('param').id, c.req.valid('json'));
      return sendJson(c, Contact, toContact(row), 200);
    });
}
