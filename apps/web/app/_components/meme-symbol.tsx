import { type Meme } from '../../lib/types';

/**
 * A class's meme as its emoji on the meme's colour. Decorative when a caption or title sits next
 * to it; pass `label` when it stands alone.
 */
export function MemeSymbol({ meme, size = 'sm', label }: { meme?: Pick<Meme, 'symbol' | 'color'> | null; size?: 'sm' | 'md' | 'lg'; label?: string }) {
  if (!meme) return <span className={`meme-sym meme-sym-${size} empty`} aria-hidden />;
  return (
    <span className={`meme-sym meme-sym-${size}`} style={{ background: meme.color }} role={label ? 'img' : undefined} aria-label={label} aria-hidden={label ? undefined : true}>
      {meme.symbol}
    </span>
  );
}
