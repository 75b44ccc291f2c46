// HCL (Lotus) Domino: "Your message … was not delivered to: <address> because: <reason>", and the older Notes form
// "------- Failure Reasons --------" with the reason above the address.
import type { Reason } from './reason';
import { finish, findLine, reasonFrom, reportLines, type Pending, type PlainReader } from './plain';
import { isAddress, trimAddress } from './text';

const SENTENCES: [RegExp, Reason][] = [
  [/not listed in (?:the )?(?:Domino Directory|public Name (?:&|and) Address Book)|no se encuentra en el Directorio de Domino|non répertorié dans l'annuaire Domino|Domino ディレクトリには見つかりません|ディレクトリのリストにありません/i, 'userunknown'],
  [/Cannot route mail to user/i, 'filtered'],
  [/Several matches found in Domino Directory/i, 'systemerror'],
  [/Message has exceeded maximum hop count/i, 'networkerror'],
];

export const readDomino: PlainReader = (report) => {
  const lines = reportLines(report);
  const notes = findLine(lines, /^-{3,}\s*Failure Reasons\s*-{3,}/);
  if (notes >= 0) return readNotes(report, notes);
  const start = findLine(lines, /^\s*was not delivered to:\s*$/);
  if (start < 0) return [];
  const pending: Pending[] = [];
  let inReason = false;
  for (let i = start + 1; i < lines.length; i++) {
    const t = lines[i].text.trim();
    if (!t) continue;
    if (/^because:$/.test(t)) {
      inReason = true;
      continue;
    }
    if (/^was not delivered to:$/.test(t)) {
      inReason = false;
      continue;
    }
    if (!inReason && isAddress(t) && !/\s/.test(t)) {
      const address = t.replace(/^<|>$/g, '');
      pending.push({ recipient: trimAddress(address), at: lines[i].start + lines[i].text.indexOf(address), lines: [] });
      continue;
    }
    if (inReason) for (const p of pending) if (!p.lines.length || p === pending[pending.length - 1]) p.lines.push(t);
  }
  return finish(report, pending, 'domino', (_p, diagnostic) => ({ formatReason: reasonFrom(diagnostic, SENTENCES) }));
};

function readNotes(report: Parameters<PlainReader>[0], start: number) {
  const lines = reportLines(report);
  const pending: Pending[] = [];
  const reasons: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const t = lines[i].text.trim();
    if (/^-{3,}/.test(t)) break;
    if (!t) continue;
    if (isAddress(t) && !/\s/.test(t)) pending.push({ recipient: trimAddress(t), at: lines[i].start + lines[i].text.indexOf(t), lines: [...reasons] });
    else reasons.push(t);
  }
  return finish(report, pending, 'notes', (_p, diagnostic) => ({ formatReason: reasonFrom(diagnostic, SENTENCES) }));
}
