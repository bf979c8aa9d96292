import { useEffect, useRef, useState } from 'preact/hooks';
import { addPack, packFile, removePack, setPackEnabled, type GivenWayPack, type PackLibrary, type SetAsidePack } from '../core/pack-library';
import type { InstalledFacts } from '../core/topic-packs';
import { forgetSetAsidePacks, loadPacks, savePacks } from '../extension/pack-store';
import { downloadFile } from './download-file';
import { MessageBox, type Message } from './MessageBox';

/** Stored packs that are not used, each with why. */
function PacksWithReasons({ packs }: { packs: readonly { name: string; reasons: string[] }[] }) {
  return (
    <ul>
      {packs.map((item, i) => (
        <li key={i}>
          {item.name}: {item.reasons.join(' ')}
        </li>
      ))}
    </ul>
  );
}

/**
 * The options page's "Topic packs": add a pack from a file or pasted text, see each pack's
 * topics, entries and version, turn it off, replace it with another version, export it, remove it.
 * A refused pack changes nothing, and the message names the pack, the entry and the field.
 */
export function TopicPacks({ bundled }: { bundled: Pick<InstalledFacts, 'topics' | 'faqIds'> }) {
  const [library, setLibrary] = useState<PackLibrary>();
  const [setAside, setSetAside] = useState<SetAsidePack[]>([]);
  const [managedProblems, setManagedProblems] = useState<string[]>([]);
  const [givenWay, setGivenWay] = useState<GivenWayPack[]>([]);
  const [pasted, setPasted] = useState('');
  const [message, setMessage] = useState<Message>();
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void loadPacks(bundled).then((loaded) => {
      setLibrary(loaded.library);
      setSetAside(loaded.setAside);
      setManagedProblems(loaded.managedProblems);
      setGivenWay(loaded.givenWay);
    });
  }, []);

  // (Read with the organisation's packs, which the browser may take a moment to give.)
  if (!library) {
    return (
      <section aria-labelledby="packs-title" aria-busy="true">
        <h2 id="packs-title">Topic packs</h2>
        <p class="hint">Reading the topic packs…</p>
      </section>
    );
  }

  const store = async (next: PackLibrary, text: string, details: string[] = []) => {
    try {
      await savePacks(next, givenWay);
    } catch (error) {
      setMessage({ kind: 'error', text: `Nothing was changed: the browser could not store the packs (${error instanceof Error ? error.message : String(error)}).` });
      return false;
    }
    setLibrary(next);
    setMessage({ kind: 'ok', text, details });
    return true;
  };

  const add = async (fileText: string) => {
    const change = addPack(library, fileText, bundled);
    if (!change.ok) {
      setMessage({ kind: 'error', text: 'The pack was not added; the packs you have are as they were.', details: change.problems });
      return;
    }
    if (await store(change.library, change.message, change.notes)) setPasted('');
  };

  return (
    <section aria-labelledby="packs-title">
      <h2 id="packs-title">Topic packs</h2>
      <p class="hint">
        A topic pack adds topics, or terms and answers to a topic, from a file in the same shape as the built-in FAQ. Packs stay in this browser.
      </p>
      {setAside.length > 0 && (
        <div class="notice" role="alert">
          <p>Some stored packs could not be read and were set aside (kept, not used):</p>
          <PacksWithReasons packs={setAside} />
          <button type="button" onClick={() => void forgetSetAsidePacks().then(() => setSetAside([]))}>
            Forget them
          </button>
        </div>
      )}
      {managedProblems.length > 0 && (
        <div class="notice" role="alert">
          <ul>
            {managedProblems.map((problem, i) => (
              <li key={i}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {givenWay.length > 0 && (
        <div class="notice managed-notice" role="note" aria-label="Packs that give way to your organisation's">
          <p>These packs of yours are kept but not used while your organisation's packs are set:</p>
          <PacksWithReasons packs={givenWay} />
        </div>
      )}
      {library.packs.length === 0 ? (
        <p class="hint">No pack added yet.</p>
      ) : (
        <ul class="packs" aria-label="Your topic packs">
          {library.packs.map(({ pack, enabled, managed }) => (
            <li key={pack.id} class="pack">
              <label class="switch">
                <input type="checkbox" role="switch" checked={enabled} disabled={managed} aria-describedby={managed ? `managed-${pack.id}` : undefined} onChange={(event) => void store(setPackEnabled(library, pack.id, event.currentTarget.checked), `${event.currentTarget.checked ? 'Turned on' : 'Turned off'} "${pack.name}".`)} />
                <span>
                  <strong>{pack.name}</strong> <span class="pack-meta">version {pack.version}</span>
                </span>
              </label>
              <p class="pack-meta">
                {[
                  pack.topics.length > 0 && `${pack.topics.length} ${pack.topics.length === 1 ? 'topic' : 'topics'} (${pack.topics.map((topic) => topic.label).join(', ')})`,
                  pack.extends.length > 0 && `adds to ${pack.extends.map((extension) => bundled.topics.find((topic) => topic.id === extension.topic)?.label ?? extension.topic).join(', ')}`,
                  `${pack.faq.length} ${pack.faq.length === 1 ? 'entry' : 'entries'}`,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {managed && (
                <p class="pack-meta" id={`managed-${pack.id}`}>
                  Set by your organisation: it stays on, and cannot be replaced or removed here.
                </p>
              )}
              <div class="add-row">
                <button type="button" onClick={() => downloadFile(`${pack.id}-${pack.version}.json`, packFile(pack))} aria-label={`Export ${pack.name}`}>
                  Export
                </button>
                {!managed && (
                  <button type="button" onClick={() => void store(removePack(library, pack.id), `Removed "${pack.name}".`)} aria-label={`Remove ${pack.name}`}>
                    Remove
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void add(pasted);
        }}
      >
        <label for="pack-text">Paste a pack</label>
        <textarea id="pack-text" rows={4} value={pasted} onInput={(event) => setPasted(event.currentTarget.value)} spellcheck={false} />
        <div class="add-row">
          <button type="submit" disabled={pasted.trim() === ''}>
            Add pack
          </button>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Add from a file…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            class="visually-hidden"
            aria-label="Pack file to add"
            tabIndex={-1}
            onChange={async (event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file) await add(await file.text());
            }}
          />
        </div>
      </form>
      {message && <MessageBox message={message} />}
    </section>
  );
}
