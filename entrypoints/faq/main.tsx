import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { FaqBrowser } from '../../components/FaqBrowser';
import '../../components/theme.css';
import { bundledPageFacts, loadPageFacts } from '../../extension/extension-data';

// The full FAQ as a page, opened at an entry by its hash (faq.html#q4) from a card's "more" link.
function FaqPage() {
  const openId = location.hash.slice(1);
  // The FAQ with the reader's topic packs, once read.
  const [facts, setFacts] = useState(bundledPageFacts);
  useEffect(() => void loadPageFacts().then(setFacts), []);
  // Opened at an entry: scrolled to and focused once it is there (a topic pack's comes with the packs).
  const scrolled = useRef(false);
  useEffect(() => {
    const target = !scrolled.current && openId ? document.getElementById(openId) : null;
    if (!target) return;
    scrolled.current = true;
    target.scrollIntoView({ block: 'center' });
    target.querySelector('summary')?.focus();
  }, [facts]);
  return (
    <main style={{ maxWidth: '760px', margin: '0 auto', padding: '24px 20px 80px' }}>
      <h1 style={{ margin: '0 0 4px', fontSize: '24px' }}>Fact Context FAQ</h1>
      <p style={{ margin: '0 0 16px', color: 'var(--muted)' }}>Huawei, 5G standards and the US trade blacklist: the questions behind the highlights.</p>
      <FaqBrowser faq={facts.faq} topics={facts.topics} answerKeywords={facts.answerKeywords} openId={openId} autoFocusSearch={!openId} />
    </main>
  );
}

render(<FaqPage />, document.getElementById('app')!);
