// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MentionPopover } from '../../components/MentionPopover';

const entry = (id: string, question: string, answer: string) => ({ id, question, answer });

function renderCard(props: Partial<Parameters<typeof MentionPopover>[0]> = {}) {
  const container = document.createElement('div');
  document.body.append(container);
  const onClose = vi.fn();
  const onTurnOffSite = vi.fn();
  const onOpenFaq = vi.fn();
  render(
    <MentionPopover
      topicLabel="Huawei"
      topicSummary="A summary."
      topicColour="229 72 77"
      chosen={entry('q4', 'Which countries?', 'Canada and the UK.')}
      others={[entry('q1', 'Why?', 'Security.'), entry('q7', 'How justified?', 'Espionage.')]}
      onClose={onClose}
      onTurnOffSite={onTurnOffSite}
      onOpenFaq={onOpenFaq}
      {...props}
    />,
    container,
  );
  return { container, onClose, onTurnOffSite, onOpenFaq };
}

describe('MentionPopover', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('is a dialog named by its topic, with the chosen question and answer', () => {
    const { container } = renderCard();
    const dialog = container.querySelector('[role="dialog"]')!;
    expect(container.querySelector(`#${dialog.getAttribute('aria-labelledby')}`)?.textContent).toBe('Huawei');
    expect(container.querySelector('h2')?.textContent).toBe('Which countries?');
    expect(container.querySelector('.answer')?.textContent).toBe('Canada and the UK.');
  });

  it('lists the other questions of the topic, collapsed, each with its answer', () => {
    const { container } = renderCard();
    expect(container.querySelector('.more > summary')?.textContent).toBe('2 more questions on Huawei');
    expect([...container.querySelectorAll('.others summary')].map((s) => s.textContent)).toEqual(['Why?', 'How justified?']);
    expect([...container.querySelectorAll('details')].every((d) => !d.open)).toBe(true);
  });

  it('renders markup in FAQ text as text', () => {
    const hostile = '<img src=x onerror="window.pwned=1"><b>bold</b>';
    const { container } = renderCard({ chosen: entry('q1', hostile, hostile), others: [entry('q2', hostile, hostile)] });
    expect(container.querySelector('img, b')).toBeNull();
    expect(container.querySelector('.answer')?.textContent).toBe(hostile);
  });

  it('closes with its close button', () => {
    const { container, onClose } = renderCard();
    (container.querySelector('button.close') as HTMLButtonElement).click();
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('offers to turn the site off and to open the full FAQ', () => {
    const { container, onTurnOffSite, onOpenFaq } = renderCard();
    const buttons = [...container.querySelectorAll('.footer button')] as HTMLButtonElement[];
    expect(buttons.map((b) => b.textContent)).toEqual(['Open in the FAQ', 'Turn off on this site']);
    buttons[0].click();
    buttons[1].click();
    expect(onOpenFaq).toHaveBeenCalledOnce();
    expect(onTurnOffSite).toHaveBeenCalledOnce();
  });

  it('shows no runner-up unless given one, and the topic\'s summary', () => {
    const { container } = renderCard();
    expect(container.querySelector('.runner-up')).toBeNull();
    expect(container.querySelector('.summary')?.textContent).toBe('A summary.');
  });

  it('shows the runner-up open below the answer, with its question, in one accordion with the other questions', () => {
    const { container } = renderCard({ runnerUp: entry('q7', 'How justified?', 'Espionage.'), others: [entry('q1', 'Why?', 'Security.')] });
    const runnerUp = container.querySelector('details.runner-up') as HTMLDetailsElement;
    expect(runnerUp.open).toBe(true);
    expect(runnerUp.querySelector('summary')?.textContent).toBe('Or perhapsHow justified?');
    expect(runnerUp.querySelector('.runner-up-answer')?.textContent).toBe('Espionage.');
    // After the first answer, before the list of other questions.
    expect(container.querySelector('.answer')!.compareDocumentPosition(runnerUp) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(runnerUp.compareDocumentPosition(container.querySelector('.more')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // Two answers open take the room of the topic's summary (the header still names the topic).
    expect(container.querySelector('.summary')).toBeNull();
    const other = container.querySelector('.others details') as HTMLDetailsElement;
    expect(other.getAttribute('name')).toBe(runnerUp.getAttribute('name'));
    expect(other.open).toBe(false);
  });

  it('shows a topic pack answer\'s date and source under it, and no link but http(s)', () => {
    const packEntry = { ...entry('p/uk', 'When?', 'By 2027.'), asOf: '2020-07-14', source: 'https://www.gov.uk/news' };
    const { container } = renderCard({ chosen: packEntry });
    expect(container.querySelector('.provenance')?.textContent).toBe('As of 14 Jul 2020 · Source: gov.uk');
    const link = container.querySelector('.provenance a') as HTMLAnchorElement;
    expect([link.getAttribute('href'), link.target, link.rel]).toEqual(['https://www.gov.uk/news', '_blank', 'noopener noreferrer']);
    document.body.innerHTML = '';
    const { container: hostile } = renderCard({ chosen: { ...packEntry, asOf: undefined, source: 'javascript:alert(1)' } });
    expect(hostile.querySelector('.provenance')).toBeNull();
    expect(hostile.querySelector('a')).toBeNull();
  });

  it('shows no date or source for the bundled FAQ', () => {
    const { container } = renderCard();
    expect(container.querySelector('.provenance')).toBeNull();
  });

  it('leaves out the "more" section when the topic has one entry', () => {
    const { container } = renderCard({ others: [] });
    expect(container.querySelector('.more')).toBeNull();
  });
});
