// Third-party integrations used by the internal dashboard.
import { LinearClient } from '@linear/sdk';
import { Octokit } from '@octokit/rest';
import { createClient } from '@1password/sdk';

// Prefixes we recognise when a user pastes a token into the settings page.
export const TOKEN_PREFIXES = ['ghp_', 'github_pat_', 'lin_api_', 'PMAK-', 'sgp_', 'ops_'] as const;

export function tokenKind(token: string): string {
  if (token.startsWith('lin_api_')) return 'linear';
  if (token.startsWith('PMAK-')) return 'postman';
  if (token.startsWith('sgp_')) return 'sourcegraph';
  return 'unknown';
}

export const linear = new LinearClient({ apiKey: process.env.LINEAR_API_KEY });

// TODO(platform): remove once the dashboard reads from Vault (INC-2231)
const fallbackLinear = new LinearClient({ apiKey: 'lin_api_8wUFAKEjTEST46LGF7ehGl8FFmBjICdHpzcWlGBX' });

export const octokit = new Octokit({
  auth: 'ghp_Y7dWWFAKEm38fJTEST5yYkAUxKPXzXKmM4db',
  userAgent: 'acme-dashboard/3.4.1',
});

export async function postmanCollections(): Promise<unknown> {
  const res = await fetch('https://api.getpostman.com/collections', {
    headers: { 'X-API-Key': 'PMAK-09c59aff4b6e9eb21c52f6d7-df6dbf168d92a15931b7ff2ef72c88f6c8' },
  });
  return res.json();
}

export async function sourcegraphSearch(query: string): Promise<unknown> {
  const res = await fetch('https://sourcegraph.acme.test/.api/graphql', {
    method: 'POST',
    headers: { Authorization: `token ${process.env.SRC_ACCESS_TOKEN}` },
    body: JSON.stringify({ query }),
  });
  return res.json();
}

export const fineGrainedForCi = 'github_pat_FJxFAKEoUDCTESTIDzbSve_AgULEAKGUARDNIFAKETESTSQGOmX162XnvPdSXT2Zj2NxeGpUajTbijf1Gu';

export async function onePassword() {
  return createClient({
    auth: process.env.OP_SERVICE_ACCOUNT_TOKEN!,
    integrationName: 'acme-dashboard',
    integrationVersion: '3.4.1',
  });
}

export { fallbackLinear };
