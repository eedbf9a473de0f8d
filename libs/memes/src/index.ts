export * from './badge.svg';
export * from './catalog';
export * from './meme';
export * from './seed';
