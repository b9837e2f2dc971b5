import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { cliContext } from '../../src/domain/context.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import {
  ENTERPRISE_USER_SCHEMA as ENTERPRISE,
  filterQuery,
  GROUP_SCHEMA,
  LIST_SCHEMA,
  PATCH_SCHEMA,
  scimBody,
  scimErrorBody,
  startScimServer,
  USER_SCHEMA,
  type ScimServer,
} from '../support/scim.ts';

/**
 * Microsoft Entra ID, as its provisioning service talks to a non-gallery SCIM app: the request shapes of
 * Microsoft's "Tutorial: Develop and plan provisioning for a SCIM endpoint in Microsoft Entra ID" and of
 * "Known issues and resolutions with SCIM 2.0 protocol compliance" (both the default requests and those of the
 * `aadOptscim062020` flag), replayed in the order a provisioning cycle sends them.
 */

const MICROSOFT_GROUP_URN = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';
const patch = (...operations: unknown[]) => ({ schemas: [PATCH_SCHEMA], Operations: operations });

for (const kind of testDatabaseKinds()) {
  describe(`Microsoft Entra ID provisioning cycle (${kind})`, () => {
    let scim: ScimServer;
    // Entra ID sends its JSON as application/scim+json, the helper's default.
    const call: ScimServer['call'] = (...args) => scim.call(...args);
    const account = (login: string) => scim.services().users.get('acme', login);
    const onboardingRecipients = async () =>
      (await scim.server.runtime.store.db.selectFrom('outbox').select('recipient').where('kind', '=', 'onboarding').orderBy('id').execute()).map((r) => r.recipient);
    const groupsOf = async (id: string) => ((scimBody(await call('GET', `/scim/v2/Users/${id}`), 200).groups ?? []) as { value: string; display: string }[]);
    /** The invitations to the organization `retail`, as "email state", oldest first. */
    const retailInvitations = async () => {
      const db = scim.server.runtime.store.db;
      const org = await db.selectFrom('organizations').select('id').where('login_key', '=', 'retail').executeTakeFirstOrThrow();
      const rows = await db.selectFrom('invitations').select(['email', 'state']).where('org_id', '=', org.id).orderBy('id').execute();
      return rows.map((r) => `${r.email} ${r.state}`);
    };

    const adele = { objectId: randomUUID(), upn: 'Adele.Vance@contoso.example', mail: 'adele.vance@contoso.example' };
    const megan = { objectId: randomUUID(), upn: 'megan.bowen@contoso.example' };
    const ids: Record<string, string> = {};

    before(async () => {
      scim = await startScimServer(kind);
      // The enterprise has an organization named like the Entra ID group below: the group decides its members.
      await scim.services().organizations.create('acme', { login: 'retail' }, cliContext('test'));
    });
    after(() => scim.server.close());

    test('Test Connection: a user and a group that do not exist, looked up by a random GUID, are 200 and empty', async () => {
      for (const attribute of ['userName', 'externalId']) {
        const body = scimBody(await call('GET', `/scim/v2/Users?${filterQuery(`${attribute} eq "${randomUUID()}"`)}`), 200, attribute);
        assert.deepEqual(body.schemas, [LIST_SCHEMA]);
        assert.equal(body.totalResults, 0);
        assert.deepEqual(body.Resources, []);
        assert.equal(body.startIndex, 1);
        assert.equal(body.itemsPerPage, 0);
      }
      // Some clients send spaces as `+` in the query string.
      const plus = scimBody(await call('GET', `/scim/v2/Users?filter=userName+eq+%22${randomUUID()}%22`), 200);
      assert.equal(plus.totalResults, 0);
      const groups = scimBody(await call('GET', `/scim/v2/Groups?excludedAttributes=members&${filterQuery(`displayName eq "${randomUUID()}"`)}`), 200);
      assert.equal(groups.totalResults, 0);
      assert.deepEqual(groups.Resources, []);
    });

    test('schema discovery: /Schemas is a ListResponse naming User, Group and the Enterprise User extension', async () => {
      const body = scimBody(await call('GET', '/scim/v2/Schemas'), 200);
      assert.deepEqual(body.schemas, [LIST_SCHEMA]);
      const ids = (body.Resources as { id: string }[]).map((s) => s.id);
      for (const id of [USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE]) assert.ok(ids.includes(id), `${id} listed`);
      const config = scimBody(await call('GET', '/scim/v2/ServiceProviderConfig'), 200);
      assert.equal(config.patch.supported, true);
      assert.equal(config.filter.supported, true);
    });

    test('create: looked up by userName first (no match), then POSTed with the enterprise extension, roles: [] and meta', async () => {
      const lookup = scimBody(await call('GET', `/scim/v2/Users?${filterQuery(`userName eq "${adele.upn}"`)}`), 200);
      assert.equal(lookup.totalResults, 0);
      const created = scimBody(
        await call('POST', '/scim/v2/Users', {
          schemas: [USER_SCHEMA, ENTERPRISE],
          externalId: adele.objectId,
          userName: adele.upn,
          active: true,
          displayName: 'Adele Vance',
          emails: [{ primary: true, type: 'work', value: adele.mail }],
          meta: { resourceType: 'User' },
          name: { formatted: 'Adele Vance', familyName: 'Vance', givenName: 'Adele' },
          roles: [],
          [ENTERPRISE]: { employeeNumber: '1001', department: 'Retail' },
        }),
        201,
      );
      ids.adele = created.id;
      assert.equal(typeof created.id, 'string');
      assert.equal(created.userName, adele.upn);
      assert.equal(created.externalId, adele.objectId);
      assert.equal(created.active, true);
      assert.deepEqual(created.emails, [{ primary: true, type: 'work', value: adele.mail }]);
      assert.equal(created[ENTERPRISE].department, 'Retail');
      assert.equal(created.meta.resourceType, 'User');
      assert.equal(created.meta.version, 'W/"1"');
      assert.equal(created.meta.location, `https://provisio.test/scim/v2/Users/${created.id}`);
      const user = await account('adele-vance');
      assert.equal(user.state, 'active');
      assert.equal(user.source, 'scim');
      assert.deepEqual(await onboardingRecipients(), [adele.mail]);
    });

    test('create, older request shape: nulls for unmapped attributes and a mistyped extension URN are ignored', async () => {
      const created = scimBody(
        await call('POST', '/scim/v2/Users', {
          schemas: [USER_SCHEMA, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0User'],
          externalId: megan.objectId,
          userName: megan.upn,
          active: true,
          addresses: null,
          displayName: 'Megan Bowen',
          meta: { resourceType: 'User' },
          name: { familyName: 'Bowen', givenName: 'Megan' },
          phoneNumbers: null,
          preferredLanguage: null,
          title: null,
          department: null,
          manager: null,
        }),
        201,
      );
      ids.megan = created.id;
      assert.equal(created.displayName, 'Megan Bowen');
      assert.equal(created.addresses, undefined);
      assert.equal((await account('megan-bowen')).state, 'active');
      // No email attribute: the onboarding email goes to the userName, an address.
      assert.deepEqual(await onboardingRecipients(), [adele.mail, megan.upn]);
    });

    test('lookups by userName (any case), externalId, work email, and GET by id', async () => {
      for (const filter of [`userName eq "${adele.upn.toUpperCase()}"`, `externalId eq "${adele.objectId}"`, `emails[type eq "work"].value eq "${adele.mail}"`]) {
        const body = scimBody(await call('GET', `/scim/v2/Users?${filterQuery(filter)}`), 200, filter);
        assert.equal(body.totalResults, 1, filter);
        assert.equal(body.Resources[0].id, ids.adele, filter);
      }
      const both = scimBody(await call('GET', `/scim/v2/Users?${filterQuery(`userName eq "${adele.upn}" and externalId eq "${adele.objectId}"`)}`), 200);
      assert.equal(both.totalResults, 1);
      const one = scimBody(await call('GET', `/scim/v2/Users/${ids.adele}`), 200);
      assert.equal(one.userName, adele.upn);
      scimErrorBody(await call('GET', `/scim/v2/Users/${randomUUID()}`), 404);
    });

    test('update, default request shapes: capitalized ops, work email and family name, then userName', async () => {
      const updated = scimBody(
        await call('PATCH', `/scim/v2/Users/${ids.adele}`, patch(
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'adele@contoso.example' },
          { op: 'Replace', path: 'name.familyName', value: 'Vance-Smith' },
        )),
        200,
      );
      assert.deepEqual(updated.emails, [{ primary: true, type: 'work', value: 'adele@contoso.example' }]);
      assert.equal(updated.name.familyName, 'Vance-Smith');
      assert.equal(updated.meta.version, 'W/"2"');
      assert.equal((await account('adele-vance')).email, 'adele@contoso.example');

      const renamed = scimBody(await call('PATCH', `/scim/v2/Users/${ids.adele}`, patch({ op: 'Replace', path: 'userName', value: 'adele@contoso.example' })), 200);
      assert.equal(renamed.userName, 'adele@contoso.example');
      adele.upn = 'adele@contoso.example';
      const added = scimBody(await call('PATCH', `/scim/v2/Users/${ids.adele}`, patch({ op: 'Add', path: 'nickName', value: 'Addy' }, { op: 'Add', path: 'name.givenName', value: 'Adèle' })), 200);
      assert.equal(added.nickName, 'Addy');
      assert.equal(added.name.givenName, 'Adèle');
    });

    test('update, many attributes at once: one operation each (default), or dotted keys without a path (flag)', async () => {
      const each = scimBody(
        await call('PATCH', `/scim/v2/Users/${ids.megan}`, patch(
          { op: 'Replace', path: 'displayName', value: 'Megan B.' },
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'megan@contoso.example' },
          { op: 'Replace', path: 'name.givenName', value: 'Meg' },
          { op: 'Replace', path: 'name.familyName', value: 'Bowen' },
          { op: 'Replace', path: 'externalId', value: megan.objectId },
          { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: '2002' },
        )),
        200,
      );
      // Megan had no email: replacing the work email through its filter creates it.
      assert.deepEqual(each.emails, [{ type: 'work', value: 'megan@contoso.example' }]);
      assert.equal(each.displayName, 'Megan B.');
      assert.equal(each.name.givenName, 'Meg');
      assert.equal(each[ENTERPRISE].employeeNumber, '2002');
      assert.equal((await account('megan-bowen')).email, 'megan@contoso.example');

      const dotted = scimBody(
        await call('PATCH', `/scim/v2/Users/${ids.megan}`, patch(
          { op: 'replace', path: 'emails[type eq "work"].value', value: 'megan.bowen@contoso.example' },
          { op: 'replace', value: { displayName: 'Megan Bowen', 'name.givenName': 'Megan', 'name.familyName': 'Bowen', [`${ENTERPRISE}:employeeNumber`]: '2003' } },
        )),
        200,
      );
      assert.equal(dotted.displayName, 'Megan Bowen');
      assert.deepEqual(dotted.name, { familyName: 'Bowen', givenName: 'Megan' });
      assert.equal(dotted[ENTERPRISE].employeeNumber, '2003');
      assert.deepEqual(dotted.emails, [{ type: 'work', value: 'megan.bowen@contoso.example' }]);
    });

    test('manager: checked by filter, added as a bare id and as a reference list, removed through a value filter', async () => {
      const managed = `id eq "${ids.megan}" and ${ENTERPRISE}:manager eq "${ids.adele}"`;
      assert.equal(scimBody(await call('GET', `/scim/v2/Users?${filterQuery(managed)}`), 200).totalResults, 0);

      const added = scimBody(await call('PATCH', `/scim/v2/Users/${ids.megan}`, patch({ op: 'Add', path: `${ENTERPRISE}:manager`, value: ids.adele })), 200);
      assert.equal(added[ENTERPRISE].manager.value, ids.adele);
      assert.equal(scimBody(await call('GET', `/scim/v2/Users?${filterQuery(managed)}`), 200).totalResults, 1);

      const removed = scimBody(await call('PATCH', `/scim/v2/Users/${ids.megan}`, patch({ op: 'Remove', path: `manager[value eq "${ids.adele}"]` })), 200);
      assert.equal(removed[ENTERPRISE]?.manager, undefined);

      // The tutorial's "Example 5": the manager as a list holding one reference.
      const listed = scimBody(
        await call('PATCH', `/scim/v2/Users/${ids.megan}`, patch({ op: 'Add', path: 'manager', value: [{ $ref: `https://provisio.test/scim/v2/Users/${ids.adele}`, value: ids.adele }] })),
        200,
      );
      assert.equal(listed[ENTERPRISE].manager.value, ids.adele);
    });

    test('disable with "False" (default shape): the account is suspended; enable with true (flag shape)', async () => {
      const disabled = scimBody(await call('PATCH', `/scim/v2/Users/${ids.megan}`, patch({ op: 'Replace', path: 'active', value: 'False' })), 200);
      assert.equal(disabled.active, false);
      assert.equal((await account('megan-bowen')).state, 'suspended');
      // Soft-deleted users are still returned, by id and by filter.
      assert.equal(scimBody(await call('GET', `/scim/v2/Users/${ids.megan}`), 200).active, false);
      assert.equal(scimBody(await call('GET', `/scim/v2/Users?${filterQuery(`userName eq "${megan.upn}"`)}`), 200).totalResults, 1);

      const enabled = scimBody(await call('PATCH', `/scim/v2/Users/${ids.megan}`, patch({ op: 'replace', path: 'active', value: true })), 200);
      assert.equal(enabled.active, true);
      assert.equal((await account('megan-bowen')).state, 'active');

      const again = scimBody(await call('PATCH', `/scim/v2/Users/${ids.megan}`, patch({ op: 'Replace', value: { displayName: 'Megan Bowen', active: 'False' } })), 200);
      assert.equal(again.active, false);
      assert.equal((await account('megan-bowen')).state, 'suspended');
      scimBody(await call('PATCH', `/scim/v2/Users/${ids.megan}`, patch({ op: 'Replace', path: 'active', value: 'True' })), 200);
      assert.equal((await account('megan-bowen')).state, 'active');
    });

    test('group: looked up by displayName without members, created with a Microsoft URN, read back without members', async () => {
      const filter = `displayName eq "Retail"`;
      assert.equal(scimBody(await call('GET', `/scim/v2/Groups?excludedAttributes=members&${filterQuery(filter)}`), 200).totalResults, 0);
      const objectId = randomUUID();
      const created = scimBody(
        await call('POST', '/scim/v2/Groups', { schemas: [GROUP_SCHEMA, MICROSOFT_GROUP_URN], externalId: objectId, displayName: 'Retail', meta: { resourceType: 'Group' } }),
        201,
      );
      ids.retail = created.id;
      assert.equal(created.displayName, 'Retail');
      assert.equal(created.externalId, objectId);
      assert.equal(created.meta.resourceType, 'Group');
      // A group created a moment ago is found at once.
      const found = scimBody(await call('GET', `/scim/v2/Groups?excludedAttributes=members&${filterQuery(filter)}`), 200);
      assert.equal(found.totalResults, 1);
      assert.equal(found.Resources[0].id, ids.retail);
      assert.equal('members' in found.Resources[0], false);
      assert.equal(scimBody(await call('GET', `/scim/v2/Groups?${filterQuery(`externalId eq "${objectId}"`)}`), 200).totalResults, 1);
      const read = scimBody(await call('GET', `/scim/v2/Groups/${ids.retail}?excludedAttributes=members`), 200);
      assert.equal(read.displayName, 'Retail');
      assert.equal('members' in read, false);
    });

    test('members added with "$ref": null answer 204, and the users\' groups show them', async () => {
      for (const id of [ids.adele, ids.megan]) {
        const response = await call('PATCH', `/scim/v2/Groups/${ids.retail}`, patch({ op: 'Add', path: 'members', value: [{ $ref: null, value: id }] }));
        assert.equal(response.statusCode, 204, response.body);
        assert.equal(response.body, '');
      }
      const group = scimBody(await call('GET', `/scim/v2/Groups/${ids.retail}`), 200);
      assert.deepEqual((group.members as { value: string }[]).map((m) => m.value).sort(), [ids.adele, ids.megan].sort());
      assert.deepEqual(await groupsOf(ids.adele), [{ value: ids.retail, display: 'Retail', type: 'direct' }]);
      // Group "Retail" maps to the organization "retail": each member is invited to it, once.
      assert.deepEqual(await retailInvitations(), ['adele@contoso.example pending', 'megan.bowen@contoso.example pending']);
      const member = `id eq "${ids.retail}" and members eq "${ids.adele}"`;
      assert.equal(scimBody(await call('GET', `/scim/v2/Groups?excludedAttributes=members&${filterQuery(member)}`), 200).totalResults, 1);
    });

    test('member removal, default shape (members listed in value): only the listed member goes', async () => {
      const response = await call('PATCH', `/scim/v2/Groups/${ids.retail}`, patch({ op: 'Remove', path: 'members', value: [{ $ref: null, value: ids.adele }] }));
      assert.equal(response.statusCode, 204, response.body);
      const group = scimBody(await call('GET', `/scim/v2/Groups/${ids.retail}`), 200);
      assert.deepEqual((group.members as { value: string }[]).map((m) => m.value), [ids.megan]);
      assert.deepEqual(await groupsOf(ids.adele), []);
      assert.equal((await groupsOf(ids.megan)).length, 1);
      assert.deepEqual(await retailInvitations(), ['adele@contoso.example cancelled', 'megan.bowen@contoso.example pending']);
    });

    test('member removal, flag shape (value filter in the path)', async () => {
      const response = await call('PATCH', `/scim/v2/Groups/${ids.retail}`, patch({ op: 'remove', path: `members[value eq "${ids.megan}"]` }));
      assert.equal(response.statusCode, 204, response.body);
      const group = scimBody(await call('GET', `/scim/v2/Groups/${ids.retail}`), 200);
      assert.equal(group.members, undefined);
      assert.deepEqual(await groupsOf(ids.megan), []);
      assert.deepEqual(await retailInvitations(), ['adele@contoso.example cancelled', 'megan.bowen@contoso.example cancelled']);
    });

    test('rename answers 204 with the new ETag; the users\' groups show the new name; an empty Operations list is a no-op', async () => {
      await call('PATCH', `/scim/v2/Groups/${ids.retail}`, patch({ op: 'Add', path: 'members', value: [{ $ref: null, value: ids.adele }] }));
      const renamed = await call('PATCH', `/scim/v2/Groups/${ids.retail}`, patch({ op: 'Replace', path: 'displayName', value: 'Retail EMEA' }));
      assert.equal(renamed.statusCode, 204, renamed.body);
      const group = scimBody(await call('GET', `/scim/v2/Groups/${ids.retail}?excludedAttributes=members`), 200);
      assert.equal(group.displayName, 'Retail EMEA');
      assert.equal(renamed.headers.etag, group.meta.version);
      assert.deepEqual(await groupsOf(ids.adele), [{ value: ids.retail, display: 'Retail EMEA', type: 'direct' }]);
      // Renamed, the group no longer maps to "retail": the invitation sent when Adele came back is cancelled.
      assert.deepEqual(await retailInvitations(), ['adele@contoso.example cancelled', 'megan.bowen@contoso.example cancelled', 'adele@contoso.example cancelled']);

      const noop = await call('PATCH', `/scim/v2/Groups/${ids.retail}`, patch());
      assert.equal(noop.statusCode, 204, noop.body);
      assert.equal(scimBody(await call('GET', `/scim/v2/Groups/${ids.retail}`), 200).meta.version, group.meta.version);
    });

    test('group delete answers 204; the group is gone and its members are in no group', async () => {
      const response = await call('DELETE', `/scim/v2/Groups/${ids.retail}`);
      assert.equal(response.statusCode, 204, response.body);
      scimErrorBody(await call('GET', `/scim/v2/Groups/${ids.retail}`), 404);
      assert.deepEqual(await groupsOf(ids.adele), []);
    });

    test('user delete answers 204: the identity is gone, the account stays suspended, the userName can come back', async () => {
      const response = await call('DELETE', `/scim/v2/Users/${ids.megan}`);
      assert.equal(response.statusCode, 204, response.body);
      scimErrorBody(await call('GET', `/scim/v2/Users/${ids.megan}`), 404);
      assert.equal(scimBody(await call('GET', `/scim/v2/Users?${filterQuery(`userName eq "${megan.upn}"`)}`), 200).totalResults, 0);
      assert.equal((await account('megan-bowen')).state, 'suspended');
      scimErrorBody(await call('DELETE', `/scim/v2/Users/${ids.megan}`), 404);

      const again = scimBody(await call('POST', '/scim/v2/Users', { schemas: [USER_SCHEMA], externalId: megan.objectId, userName: megan.upn, active: true }), 201);
      assert.notEqual(again.id, ids.megan);
      ids.megan = again.id;
      // SPEC §5: the old account stays suspended for the audit trail; the new identity gets an account of its own.
      assert.equal((await account('megan-bowen')).state, 'suspended');
      assert.equal((await account('megan-bowen-2')).state, 'active');
    });

    test('a taken userName is 409 uniqueness; Entra then finds the user by filter and updates it by PATCH', async () => {
      const conflict = scimErrorBody(
        await call('POST', '/scim/v2/Users', { schemas: [USER_SCHEMA, ENTERPRISE], externalId: randomUUID(), userName: adele.upn.toUpperCase(), active: true }),
        409,
        'uniqueness',
      );
      assert.match(conflict.detail, /userName/);
      const found = scimBody(await call('GET', `/scim/v2/Users?${filterQuery(`userName eq "${adele.upn.toUpperCase()}"`)}`), 200);
      assert.equal(found.totalResults, 1);
      const id = found.Resources[0].id;
      assert.equal(id, ids.adele);
      const updated = scimBody(await call('PATCH', `/scim/v2/Users/${id}`, patch({ op: 'Replace', path: 'displayName', value: 'Adele V.' })), 200);
      assert.equal(updated.displayName, 'Adele V.');
      assert.equal((await account('adele-vance')).name, 'Adele V.');
    });
  });
}
