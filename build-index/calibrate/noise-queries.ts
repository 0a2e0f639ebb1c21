/**
 * Queries that should find nothing on any documentation site, generated at
 * build time to measure how close "nothing" comes on this one. Deterministic
 * (a fixed seed), so two builds of one site calibrate alike. Kept apart from
 * bench/abstain/, the hand-written lists that test the result: calibrating
 * on those would grade the exam with its own answers.
 */

import { seeded as random } from '../random.ts';

const ONSETS = ['b', 'bl', 'br', 'd', 'dr', 'f', 'fl', 'g', 'gr', 'k', 'kl', 'l', 'm', 'n', 'p', 'pl', 'r', 's', 'sk', 'st', 't', 'tr', 'v', 'w', 'z', 'zh', 'th'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'oo', 'ai', 'ei', 'ou'];
const CODAS = ['', '', 'n', 'r', 'l', 'k', 'x', 'mp', 'nt', 'st', 'g'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Sentences about everyday life, none of which a software manual answers.
 * Varied in length and form (questions, commands, fragments), as visitors type.
 */
const OFF_TOPIC = [
  'how long should I boil an egg for a soft yolk',
  'what is the capital city of mongolia',
  'recipe for banana bread without butter',
  'who painted the ceiling of the sistine chapel',
  'best time of year to plant tulip bulbs',
  'how many players are on a rugby team',
  'train times from munich to salzburg',
  'why do cats purr when they are happy',
  'remedies for a sore throat at night',
  'the plot of pride and prejudice explained',
  'how deep is the mariana trench',
  'ideas for a tenth wedding anniversary gift',
  'what year was the eiffel tower finished',
  'how to get red wine out of a carpet',
  'average rainfall in seattle in november',
  'lyrics of a famous irish folk song',
  'what do giant pandas eat in the wild',
  'how to knit a scarf for beginners',
  'symptoms of vitamin d deficiency',
  'tips for running a first marathon',
  'which planet has the most moons',
  'how to make cold brew at home',
  'famous castles to visit in scotland',
  'how to tell if a melon is ripe',
  'rules of the card game bridge',
  'what causes the northern lights',
  'how to stop a dog barking at the mailman',
  'good hiking trails near lake tahoe',
  'the life of napoleon bonaparte',
  'how much sleep does a teenager need',
  'what to pack for a week in iceland',
  'difference between a crocodile and an alligator',
  'how to grow tomatoes on a balcony',
  'who wrote the symphony number nine',
  'wedding dress shops open on sunday',
  'how to fold a fitted sheet',
  'olympic gold medal winners in figure skating',
  'how do bees make honey',
  'vegetarian lasagna with spinach and ricotta',
  'what is the tallest mountain in africa',
];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function pseudoWord(rand: () => number): string {
  const syllables = 2 + Math.floor(rand() * 3);
  let w = '';
  for (let i = 0; i < syllables; i++) w += pick(rand, ONSETS) + pick(rand, VOWELS) + (i === syllables - 1 ? pick(rand, CODAS) : '');
  return w;
}

function letterRun(rand: () => number): string {
  const n = 4 + Math.floor(rand() * 6);
  let w = '';
  for (let i = 0; i < n; i++) w += LETTERS[Math.floor(rand() * LETTERS.length)];
  return w;
}

export interface NoiseQueries {
  /** Made-up words and letter runs: queries no word of which any site knows. */
  madeUp: string[];
  /** Everyday sentences: real words, no answer on a software site. */
  offTopic: string[];
}

export function noiseQueries(): NoiseQueries {
  const rand = random(0x51a7e);
  const madeUp: string[] = [];
  for (let i = 0; i < 50; i++) madeUp.push(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pseudoWord(rand)).join(' '));
  for (let i = 0; i < 30; i++) madeUp.push(Array.from({ length: 1 + Math.floor(rand() * 2) }, () => letterRun(rand)).join(' '));
  return { madeUp, offTopic: [...OFF_TOPIC] };
}
