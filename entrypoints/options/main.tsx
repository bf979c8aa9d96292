import { render } from 'preact';
import { OptionsApp } from '../../components/OptionsApp';
import '../../components/theme.css';
import '../../components/options.css';

render(<OptionsApp />, document.getElementById('app')!);
