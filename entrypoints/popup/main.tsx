import { render } from 'preact';
import { PopupApp } from '../../components/PopupApp';
import '../../components/theme.css';
import '../../components/popup.css';

// Opened as a page (tests, or a pinned tab), the popup acts on the tab named by ?tabId=.
const tabIdParam = new URLSearchParams(location.search).get('tabId');
render(<PopupApp tabId={tabIdParam === null ? undefined : Number(tabIdParam)} />, document.getElementById('app')!);
