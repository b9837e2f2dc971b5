/** Scopes a personal access token can hold. `admin:enterprise` lets it provision users and manage organizations. */
export const TOKEN_SCOPES = ['admin:enterprise', 'read:enterprise'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const isTokenScope = (value: string): value is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(value);
