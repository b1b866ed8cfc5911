/**
 * Training's hot paths on the device: the roll-call search, run on every keystroke at the door
 * (goal: within one frame, 16 ms, over 5,000 trainees), and the yearly figures over 50,000
 * attendance rows (the figures screen recomputes them when any row changes).
 * Run: node --import tsx bench/training.bench.ts
 */
import { readFileSync } from 'node:fs';
import { attendanceId } from '../src/domain/attendance';
import { newId } from '../src/domain/common';
import { parseRegionFile } from '../src/domain/region';
import { buildSearchIndex, searchIndex } from '../src/domain/rollCall';
import type { Trainee } from '../src/domain/trainee';
import { traineeMatcher } from '../src/domain/traineeDuplicates';
import { trainingFigures } from '../src/domain/trainingFigures';
import { medianMs, printTable } from './table';

const regions = parseRegionFile(
  JSON.parse(readFileSync(new URL('../public/regions/3301.json', import.meta.url), 'utf8')),
);
const villages = regions.villages.filter((v) => v.rural);

// Names as they come: a common surname and one or two given characters (many near-homonyms).
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华建国志红海燕玉兰小东晓梅春林';
let seed = 7;
const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
const pick = (s: string) => s[Math.floor(random() * s.length)]!;

function makeTrainees(n: number): Trainee[] {
  return Array.from({ length: n }, (_, i) => ({
    id: newId(),
    version: 0,
    updatedAt: null,
    updatedBy: null,
    deleted: false,
    name: pick(SURNAMES) + pick(GIVEN) + (random() < 0.6 ? pick(GIVEN) : ''),
    kind: i % 3 === 0 ? 'official' : 'youth',
    villageCode: villages[i % villages.length]!.code,
    phone: random() < 0.9 ? `13${String(Math.floor(random() * 1e9)).padStart(9, '0')}` : null,
  }));
}

const trainees = makeTrainees(5_000);
const index = buildSearchIndex(trainees);
const someone = trainees[4321]!;
const rows: Record<string, string | number>[] = [];
const time = (what: string, fn: () => unknown, goal = '') => {
  const ms = medianMs(() => void fn(), 21);
  rows.push({ what, 'median ms': ms, goal, 'within goal': goal ? (ms <= 16 ? 'yes' : 'NO') : '' });
};

time('build the search index (5,000 trainees)', () => buildSearchIndex(trainees));
time('search: two characters of a name', () => searchIndex(index, someone.name.slice(0, 2)), '16');
time('search: one common surname (王)', () => searchIndex(index, '王'), '16');
time('search: last 4 digits of a phone', () => searchIndex(index, '5678'), '16');
time('search: no match', () => searchIndex(index, '不存在的人'), '16');
time('duplicate matcher: build + 40 lookups', () => {
  const match = traineeMatcher(trainees);
  for (let i = 0; i < 40; i++) match(trainees[i * 100]!);
});

// 50,000 attendance rows: 1,000 sessions over two years, 50 people each, 80 % present.
const sessions = Array.from({ length: 1_000 }, (_, i) => ({
  id: newId(),
  startDate: `${i % 2 === 0 ? 2026 : 2025}-${String((i % 12) + 1).padStart(2, '0')}-10`,
  townshipCode: regions.townships[i % regions.townships.length]!.code,
  hours: 4 + (i % 3),
  deleted: false,
}));
const attendance = sessions.flatMap((s, i) =>
  Array.from({ length: 50 }, (_, k) => {
    const trainee = trainees[(i * 37 + k * 101) % trainees.length]!;
    const r = random();
    return {
      id: attendanceId(s.id, trainee.id),
      sessionId: s.id,
      traineeId: trainee.id,
      status: r < 0.8 ? ('present' as const) : r < 0.9 ? ('late' as const) : ('absent' as const),
      deleted: false,
    };
  }),
);
let figure = 0;
time(`yearly figures (${attendance.length.toLocaleString('en')} attendance rows)`, () => {
  figure = trainingFigures(2026, sessions, trainees, attendance, []).trained;
});

printTable(rows);
console.log(`\n(2026: ${figure} different people trained in ${sessions.length / 2} sessions)`);
