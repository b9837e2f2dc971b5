import type { Command } from '../command.ts';
import { enterpriseCreate, enterpriseList, ownerSignInLink } from './enterprise.ts';
import { samlGet, samlSet } from './saml.ts';
import { migrateCommand, serve } from './serve.ts';
import { settingsGet, settingsSet } from './settings.ts';
import { tokenCreate, tokenList, tokenRevoke } from './token.ts';
import { userSetRole, userSuspend, userUnsuspend } from './user.ts';

/** Every command, in the order `provisio --help` lists them. */
export const COMMANDS: readonly Command[] = [
  serve,
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
];
