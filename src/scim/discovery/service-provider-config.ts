import type { BulkLimits } from '../messages/bulk-request.ts';
import { SERVICE_PROVIDER_CONFIG_URN } from '../schemas/urns.ts';
import { trimBaseUrl } from './base-url.ts';

/** Cursor and index paging as advertised per RFC 9865. */
export interface PaginationSupport {
  readonly cursor: boolean;
  readonly index: boolean;
  readonly defaultPaginationMethod?: 'cursor' | 'index';
  readonly defaultPageSize?: number;
  readonly maxPageSize?: number;
  readonly cursorTimeout?: number;
}

export interface ServiceProviderConfigOptions {
  /** The SCIM base URL (`https://host/scim/v2`), for `meta.location`. */
  readonly baseUrl?: string;
  readonly documentationUri?: string;
  readonly bulk: BulkLimits;
  /** The most results a list or search returns in one page. */
  readonly filterMaxResults: number;
  readonly pagination?: PaginationSupport;
}

export interface ServiceProviderConfig {
  readonly schemas: readonly [typeof SERVICE_PROVIDER_CONFIG_URN];
  readonly documentationUri?: string;
  readonly patch: { readonly supported: boolean };
  readonly bulk: { readonly supported: boolean; readonly maxOperations: number; readonly maxPayloadSize: number };
  readonly filter: { readonly supported: boolean; readonly maxResults: number };
  readonly changePassword: { readonly supported: boolean };
  readonly sort: { readonly supported: boolean };
  readonly etag: { readonly supported: boolean };
  readonly pagination?: PaginationSupport;
  readonly authenticationSchemes: readonly {
    readonly type: string;
    readonly name: string;
    readonly description: string;
    readonly specUri: string;
    readonly primary: boolean;
  }[];
  readonly meta: { readonly resourceType: 'ServiceProviderConfig'; readonly location?: string };
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new TypeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/**
 * The `/ServiceProviderConfig` document (RFC 7643 §5). What it advertises is what the service does: PATCH,
 * bulk within the given limits, the full filter grammar, sorting and ETags; no password change, since users
 * sign in through SAML and passwords are dropped on input; bearer tokens (RFC 6750) only. Options are
 * checked once, when the document is built.
 */
export function serviceProviderConfig(options: ServiceProviderConfigOptions): ServiceProviderConfig {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_URN],
    ...(options.documentationUri === undefined ? {} : { documentationUri: options.documentationUri }),
    patch: { supported: true },
    bulk: {
      supported: true,
      maxOperations: positiveInteger('bulk.maxOperations', options.bulk.maxOperations),
      maxPayloadSize: positiveInteger('bulk.maxPayloadSize', options.bulk.maxPayloadSize),
    },
    filter: { supported: true, maxResults: positiveInteger('filterMaxResults', options.filterMaxResults) },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    ...(options.pagination === undefined ? {} : { pagination: options.pagination }),
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'A personal access token with the admin:enterprise scope, sent as "Authorization: Bearer <token>".',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: {
      resourceType: 'ServiceProviderConfig',
      ...(options.baseUrl === undefined ? {} : { location: `${trimBaseUrl(options.baseUrl)}/ServiceProviderConfig` }),
    },
  };
}
