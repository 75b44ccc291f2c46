// The order to read a set of logs in: oldest first, so that a message deferred in yesterday's file and delivered in
// today's is not left "still deferred". Rotated names say their age: mail.log.2.gz is older than mail.log.1, which
// is older than mail.log; dated ones (maillog-20261122) sort by their date, before the live file.

const ROTATED = /^(.*?)(?:\.([0-9]{1,4}))?(?:\.(?:gz|bz2|xz|zst))?$/;
const DATED = /^(.*?)[-_.]((?:19|20)[0-9]{6}(?:[0-9]{2})?)(?:\.(?:gz|bz2|xz|zst))?$/;

interface Age {
  base: string;
  /** Larger is newer. */
  rank: number;
}

function ageOf(name: string): Age {
  const file = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dated = DATED.exec(file);
  if (dated) return { base: dated[1], rank: Number(dated[2].slice(0, 8)) };
  const rotated = ROTATED.exec(file)!;
  // The live file (no number) is the newest: rank above any date; mail.log.N is N steps older.
  return { base: rotated[1], rank: 1e9 - (rotated[2] ? Number(rotated[2]) : 0) };
}

export function compareLogAge(a: string, b: string): number {
  const x = ageOf(a);
  const y = ageOf(b);
  const dirA = a.slice(0, a.length - (a.split(/[\\/]/).pop() ?? '').length);
  const dirB = b.slice(0, b.length - (b.split(/[\\/]/).pop() ?? '').length);
  if (dirA !== dirB) return dirA < dirB ? -1 : 1;
  if (x.base !== y.base) return x.base < y.base ? -1 : 1;
  return x.rank - y.rank || (a < b ? -1 : a > b ? 1 : 0);
}
