/** What an action on the options page said: an error (read out at once) or a result, with its details listed. */
export interface Message {
  kind: 'error' | 'ok';
  text: string;
  details?: readonly string[];
}

export function MessageBox({ message }: { message: Message }) {
  return (
    <div class={message.kind === 'error' ? 'error' : 'hint'} role={message.kind === 'error' ? 'alert' : 'status'}>
      <p>{message.text}</p>
      {message.details && message.details.length > 0 && (
        <ul>
          {message.details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
