import type { Command } from '../command.ts';
import { emailList, emailPreview, emailRetry, emailShow } from './email.ts';
import { enterpriseCreate, enterpriseList, ownerSignInLink } from './enterprise.ts';
import { orgArchive, orgCreate, orgList, orgMembers, orgRename, orgSetRole, orgTakeOwnership } from './org.ts';
import { samlGet, samlSet } from './saml.ts';
import { migrateCommand, serve } from './serve.ts';
import { settingsGet, settingsSet } from './settings.ts';
import { tokenCreate, tokenList, tokenRevoke } from './token.ts';
import { userSetRole, userSuspend, userUnsuspend } from './user.ts';
import { workerCommand } from './worker.ts';

/** Every command, in the order `provisio --help` lists them. */
export const COMMANDS: readonly Command[] = [
  serve,
  workerCommand,
  migrateCommand,
  enterpriseCreate,
  enterpriseList,
  ownerSignInLink,
  tokenCreate,
  tokenList,
  tokenRevoke,
  settingsGet,
  settingsSet,
  samlSet,
  samlGet,
  userSetRole,
  userSuspend,
  userUnsuspend,
  orgCreate,
  orgRename,
  orgArchive,
  orgList,
  orgMembers,
  orgSetRole,
  orgTakeOwnership,
  emailList,
  emailShow,
  emailRetry,
  emailPreview,
];
