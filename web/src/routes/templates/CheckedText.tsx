// The checks' findings line by line: the draft's lines, numbered as the checks count them (an
// email's body from the line after its Subject and blank line), each problem under its line.
import type { components } from '../../api/client.ts';

type Problem = components['schemas']['TemplateProblem'];

interface Line {
  part: Problem['part'];
  number: number;
  text: string;
}

function partsOf(text: string, channel: string): Line[] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  let part: Problem['part'] = channel === 'email' ? 'subject' : 'body';
  let number = 0;
  const out: Line[] = [];
  for (const [index, raw] of lines.entries()) {
    if (channel === 'email' && index === 0) {
      out.push({ part: 'subject', number: 1, text: raw });
      continue;
    }
    if (channel === 'email' && index === 1 && raw.trim() === '') continue;
    if (part === 'subject') (part = 'body'), (number = 0);
    if (channel === 'call' && /^--- voicemail ---\s*$/.test(raw)) {
      part = 'voicemail';
      number = 0;
      continue;
    }
    number += 1;
    out.push({ part, number, text: raw });
  }
  return out;
}

export function CheckedText({ text, channel, problems }: { text: string; channel: string; problems: Problem[] }) {
  if (problems.length === 0)
    return (
      <p role="status" className="notice good">
        No problems: it renders for every kind of debtor and the compliance lint finds nothing.
      </p>
    );
  const lines = partsOf(text, channel);
  const at = (line: Line) => problems.filter((problem) => problem.part === line.part && problem.line === line.number);
  const unplaced = problems.filter((problem) => problem.line === null || !lines.some((line) => line.part === problem.part && line.number === problem.line));
  return (
    <div className="checked" role="region" aria-label="Problems found">
      <p className="error">
        {problems.length} problem{problems.length === 1 ? '' : 's'} to fix before this can be saved:
      </p>
      {unplaced.length > 0 && (
        <ul>
          {unplaced.map((problem, index) => (
            <li key={index} className="error">
              {problem.part}: {problem.message}
            </li>
          ))}
        </ul>
      )}
      <ol className="checked-lines">
        {lines.map((line, index) => {
          const found = at(line);
          return (
            <li key={index} className={found.length ? 'has-problem' : ''}>
              <span className="line-ref">
                {line.part} {line.number}
              </span>
              <code>{line.text || ' '}</code>
              {found.map((problem, n) => (
                <p key={n} className="field-error">
                  {problem.column !== null && `column ${problem.column}: `}
                  {problem.message}
                  {problem.rule && <span className="muted"> ({problem.rule.citation})</span>}
                </p>
              ))}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
