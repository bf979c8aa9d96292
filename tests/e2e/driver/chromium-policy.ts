import { createHash, generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR } from '../../support/chromium.mjs';

// An organisation's policy, for real: Chromium on Linux reads policy files from
// /etc/chromium/policies/managed/ at start, and hands an extension the part of the `3rdparty`
// policy under its id as storage.managed (checked against the manifest's managed_schema). A copy
// of the build gets a fixed id from a manifest `key` made for the test; the policy names only that
// id, so no other test's browser sees it. Writing there needs root (as CI runs); elsewhere the
// launch fails saying so.

const POLICY_DIR = '/etc/chromium/policies/managed';

export interface ChromiumPolicyBuild {
  /** The copy of the built extension the policy is for. */
  extensionDir: string;
  extensionId: string;
  /** Writes another policy for the copy's id (Chromium reads it at its next start). */
  setPolicy(policy: Record<string, unknown>): void;
  /** Removes the policy file and the copy. */
  remove(): void;
}

/** A copy of the built extension with a manifest key of its own, and a policy file for its id. */
export function buildWithPolicy(policy: Record<string, unknown>): ChromiumPolicyBuild {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  // An extension's id: the first 32 hex digits of the key's SHA-256, written with the letters a–p.
  const extensionId = [...createHash('sha256').update(der).digest('hex').slice(0, 32)].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
  const extensionDir = mkdtempSync(join(tmpdir(), 'fact-context-managed-'));
  cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
  const manifestPath = join(extensionDir, 'manifest.json');
  writeFileSync(manifestPath, JSON.stringify({ ...JSON.parse(readFileSync(manifestPath, 'utf8')), key: der.toString('base64') }));

  const policyFile = join(POLICY_DIR, `fact-context-e2e-${extensionId}.json`);
  const remove = () => {
    rmSync(policyFile, { force: true });
    rmSync(extensionDir, { recursive: true, force: true });
  };
  const setPolicy = (next: Record<string, unknown>) => writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: next } } }));
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    setPolicy(policy);
  } catch (error) {
    remove();
    throw new Error(`A managed policy is written as a Chromium policy file in ${POLICY_DIR}, which needs root (CI runs as root): ${(error as Error).message}`);
  }
  return { extensionDir, extensionId, setPolicy, remove };
}
