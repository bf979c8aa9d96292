import { useEffect, useRef, useState } from 'preact/hooks';
import { bundledFacts, faqTopics, loadPageFacts, topicIds } from '../extension/extension-data';
import { loadSettingsPolicy, watchManagedPolicy, type LoadedSettingsPolicy } from '../extension/managed-policy';
import { watchPackPage } from '../extension/pack-page';
import { loadSettings, saveSettings, watchSettings } from '../extension/settings-store';
import type { Density } from '../core/density';
import { serializeSettings, type Settings } from '../core/settings';
import { applySettingsPolicy, isLocked } from '../core/settings-policy';
import { describeSettingsProblem, parseSettingsFile } from '../core/settings-messages';
import { mergeSiteRules, parseSiteInput, type SiteMode, type SiteRule } from '../core/site-rules';
import { downloadFile } from './download-file';
import { MessageBox, type Message } from './MessageBox';
import { TopicPacks } from './TopicPacks';

const DENSITIES: { value: Density; label: string; hint: string }[] = [
  { value: 'all', label: 'Every mention', hint: 'Highlight each time a topic is mentioned.' },
  { value: 'first-per-paragraph', label: 'First mention per paragraph', hint: 'Once per topic in each paragraph.' },
  { value: 'first-per-page', label: 'First mention per page', hint: 'Once per topic on the whole page.' },
];

const MODES: { value: SiteMode; label: string }[] = [
  { value: 'all-except', label: 'Everywhere except these sites' },
  { value: 'only', label: 'Only on these sites' },
];

/** Reads one or more sites (one per line); all must be valid, or none is added. */
function parseSiteLines(text: string, includeSubdomains: boolean): { rules: SiteRule[] } | { error: string } {
  const lines = text.split(/\r?\n/);
  const rules: SiteRule[] = [];
  for (const [index, line] of lines.entries()) {
    if (lines.length > 1 && line.trim() === '' && index === lines.length - 1) continue; // a trailing newline
    const result = parseSiteInput(line, includeSubdomains);
    if (!result.ok) return { error: lines.length > 1 ? `Line ${index + 1}: ${result.error}` : result.error };
    rules.push(result.rule);
  }
  return { rules };
}

/** Beside a setting the organisation's policy locks. */
function ManagedMark({ block = false }: { block?: boolean }) {
  return <span class={block ? 'hint managed-mark block' : 'hint managed-mark'}>Set by your organisation</span>;
}

export function OptionsApp() {
  const [stored, setSettings] = useState<Settings>();
  const [loadProblems, setLoadProblems] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const [siteText, setSiteText] = useState('');
  const [siteSubdomains, setSiteSubdomains] = useState(true);
  const [siteError, setSiteError] = useState('');
  const [importMessage, setImportMessage] = useState<Message>();
  const fileInput = useRef<HTMLInputElement>(null);
  // The bundled topics and those of the topic packs that are on, followed as packs change.
  const [topics, setTopics] = useState(faqTopics);
  // What the organisation's policy locks (core/settings-policy.ts): shown, not changeable.
  const [managed, setManaged] = useState<LoadedSettingsPolicy>({ policy: {}, problems: [] });

  useEffect(() => {
    const readPolicy = () => void loadSettingsPolicy().then(setManaged);
    readPolicy();
    return watchManagedPolicy(readPolicy);
  }, []);

  useEffect(() => {
    const readTopics = () => void loadPageFacts().then((facts) => setTopics(facts.topics));
    readTopics();
    return watchPackPage(readTopics);
  }, []);

  useEffect(() => {
    void loadSettings(topicIds).then(({ settings, problems }) => {
      setSettings(settings);
      setLoadProblems(problems.map(describeSettingsProblem));
    });
    return watchSettings(topicIds, setSettings);
  }, []);

  if (!stored) return <main class="options" aria-busy="true" />;

  const { policy } = managed;
  // What the policy locks shows its value as soon as the policy is read (the background writes it
  // into the stored settings too, a moment later).
  const settings = applySettingsPolicy(stored, policy);
  const save = async (changed: Settings, message = 'Saved.') => {
    // (The background would put back what the policy sets: so does this page, at once.)
    const next = applySettingsPolicy(changed, policy);
    setSettings(next);
    await saveSettings(next);
    setStatus(message);
  };

  const addSites = (event: Event) => {
    event.preventDefault();
    const parsed = parseSiteLines(siteText, siteSubdomains);
    if ('error' in parsed) {
      setSiteError(parsed.error);
      return;
    }
    setSiteError('');
    setSiteText('');
    void save({ ...settings, sites: mergeSiteRules(settings.sites, parsed.rules) }, `Added ${parsed.rules.map((r) => r.host).join(', ')}.`);
  };

  const sitesLocked = isLocked(policy, 'sites');

  const exportSettings = () => downloadFile('fact-context-settings.json', serializeSettings(settings));

  const importSettings = async (file: File | undefined) => {
    if (!file) return;
    const result = parseSettingsFile(await file.text(), topicIds);
    if (fileInput.current) fileInput.current.value = '';
    if (!result.ok) {
      setImportMessage({ kind: 'error', text: `Nothing was imported. ${result.error}` });
      return;
    }
    await save(result.settings, 'Settings imported.');
    setImportMessage({
      kind: 'ok',
      text: result.problems.length ? 'Imported. Some values were unreadable and kept their defaults:' : 'Imported.',
      details: result.problems,
    });
  };

  return (
    <main class="options">
      <h1>Fact Context options</h1>
      {loadProblems.length > 0 && (
        <div class="notice" role="alert">
          <p>Some saved settings could not be read and were reset to their defaults; the rest are as you left them.</p>
          <ul>
            {loadProblems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}

      {(Object.keys(policy).length > 0 || managed.problems.length > 0) && (
        <div class="notice managed-notice" role="note" aria-label="Set by your organisation">
          <p>Your organisation manages some of these settings through the browser's policy. They are marked “Set by your organisation” and cannot be changed here.</p>
          {managed.problems.length > 0 && (
            <ul>
              {managed.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
        </div>
      )}

      <section aria-labelledby="general-title">
        <h2 id="general-title">General</h2>
        <label class="row">
          <input
            type="checkbox"
            role="switch"
            checked={settings.enabled}
            disabled={isLocked(policy, 'enabled')}
            onChange={(e) => void save({ ...settings, enabled: e.currentTarget.checked })}
          />
          <span>Show context on web pages</span>
          {isLocked(policy, 'enabled') && <ManagedMark />}
        </label>
      </section>

      <section aria-labelledby="topics-title">
        <h2 id="topics-title">Topics</h2>
        <p class="hint">Highlight mentions of:</p>
        {topics.map((topic) => (
          <label class="row" key={topic.id} style={{ '--topic': topic.colour }}>
            <input
              type="checkbox"
              checked={settings.topics[topic.id] !== false}
              disabled={isLocked(policy, 'topics', topic.id)}
              onChange={(e) => void save({ ...settings, topics: { ...settings.topics, [topic.id]: e.currentTarget.checked } })}
            />
            <span class="faq-dot" aria-hidden="true" />
            <span>{topic.label}</span>
            {isLocked(policy, 'topics', topic.id) && <ManagedMark />}
          </label>
        ))}
      </section>

      <section aria-labelledby="density-title">
        <h2 id="density-title">Highlight density</h2>
        {isLocked(policy, 'density') && <ManagedMark block />}
        <div role="radiogroup" aria-labelledby="density-title">
          {DENSITIES.map((density) => (
            <label class="row" key={density.value}>
              <input
                type="radio"
                name="density"
                value={density.value}
                checked={settings.density === density.value}
                disabled={isLocked(policy, 'density')}
                onChange={() => void save({ ...settings, density: density.value })}
              />
              <span>
                {density.label} <span class="hint">{density.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </section>

      <section aria-labelledby="sites-title">
        <h2 id="sites-title">Sites</h2>
        {sitesLocked && <ManagedMark block />}
        <div role="radiogroup" aria-labelledby="sites-title">
          {MODES.map((mode) => (
            <label class="row" key={mode.value}>
              <input
                type="radio"
                name="site-mode"
                value={mode.value}
                checked={settings.siteMode === mode.value}
                disabled={sitesLocked}
                onChange={() => void save({ ...settings, siteMode: mode.value })}
              />
              <span>{mode.label}</span>
            </label>
          ))}
        </div>
        {settings.sites.length === 0 ? (
          <p class="hint">{settings.siteMode === 'only' ? 'No sites yet: Fact Context is off everywhere until you add one.' : 'No sites yet.'}</p>
        ) : (
          <ul class="sites" aria-label="Sites">
            {settings.sites.map((rule) => (
              <li key={rule.host}>
                <span class="site-host">{rule.host}</span>
                <span class="hint">{rule.includeSubdomains ? 'and its subdomains' : 'this host only'}</span>
                {!sitesLocked && (
                  <button type="button" class="remove" aria-label={`Remove ${rule.host}`} onClick={() => void save({ ...settings, sites: settings.sites.filter((r) => r !== rule) }, `Removed ${rule.host}.`)}>
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {!sitesLocked && (
          <form class="add-site" onSubmit={addSites} noValidate>
            <label for="site-input">Add a site (a host name like example.com, or paste a URL)</label>
            <div class="add-row">
              <input
                id="site-input"
                type="text"
                inputMode="url"
                autoComplete="off"
                spellcheck={false}
                value={siteText}
                aria-invalid={siteError ? 'true' : 'false'}
                aria-describedby={siteError ? 'site-error' : undefined}
                onInput={(e) => {
                  setSiteText(e.currentTarget.value);
                  if (siteError) setSiteError('');
                }}
              />
              <button type="submit">Add</button>
            </div>
            <label class="row small">
              <input type="checkbox" checked={siteSubdomains} onChange={(e) => setSiteSubdomains(e.currentTarget.checked)} />
              <span>Include its subdomains</span>
            </label>
            {siteError && (
              <p id="site-error" class="error" role="alert">
                {siteError}
              </p>
            )}
          </form>
        )}
      </section>

      <TopicPacks bundled={bundledFacts} />

      <section aria-labelledby="backup-title">
        <h2 id="backup-title">Back up and restore</h2>
        <div class="add-row">
          <button type="button" onClick={exportSettings}>
            Export settings
          </button>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Import settings…
          </button>
          <input ref={fileInput} type="file" accept="application/json,.json" class="visually-hidden" aria-label="Settings file to import" tabIndex={-1} onChange={(e) => void importSettings(e.currentTarget.files?.[0])} />
        </div>
        {importMessage && <MessageBox message={importMessage} />}
      </section>

      <p class="status" role="status">
        {status}
      </p>
    </main>
  );
}
