/**
 * The one review inbox screen: what a coordinator decides on the server's behalf, a page at a
 * time — the conflicts (/sync/conflicts) and the likely duplicate points (/points/duplicates).
 * They had been one screen written twice (sign-in gate, role gate, paged load, "needs a
 * connection", empty state, the list, 加载更多, the outcome of a review in a banner); each now
 * says only what is its own: its words, how it fetches a page, and how one item is shown and
 * reviewed (`renderItem`, calling `review`).
 *
 * A review (resolve, merge, dismiss) runs on the server; when it is done the item leaves the list
 * and the count at once and a sync brings the result to this phone. The server decides who may
 * review; `mayReview` only spares other roles a useless page.
 */
import { Fragment, useCallback, useState, type ReactNode } from 'react';
import { formatNumber, useT } from '../../i18n';
import { useSession } from '../../db';
import { may } from '../../domain/actions';
import { toSyncFailure, type InboxPage, type SyncFailure } from '../../sync';
import { Banner, EmptyState, Spinner, type BannerTone, type IconName } from '../../ui';
import { useServerWords } from './errors';
import { InboxMore } from './InboxMore';
import { NeedSignIn } from './NeedSignIn';
import { useInboxPages } from './useInboxPages';
import { useSyncEngine } from './useSyncEngine';

/** What a card gets to review its item with. */
export interface InboxReview {
  /**
   * Runs one review request for the item. Done: the item leaves the list, `done` is said and a
   * sync starts. Failed: `failed` is said with the server's words; with `refreshOnFailure` the
   * list is loaded again (a 409: the item changed or was handled elsewhere), unless offline.
   * Never throws.
   */
  review: (
    id: number,
    run: (token: string) => Promise<unknown>,
    texts: { done: string; failed: string },
  ) => Promise<void>;
}

export interface InboxScreenProps<T extends { id: number }> {
  /** The screen's name: its heading's id is `${name}-title`. */
  name: string;
  title: string;
  intro: string;
  /** Said to a role that does not review. */
  forbidden: string;
  empty: string;
  /** The action the inbox is for (src/domain/actions.ts): who may review it. */
  action: 'reviewConflicts' | 'reviewDuplicates';
  fetchPage: (token: string, after: string | null) => Promise<InboxPage<T>>;
  /** The banner when the first page did not come (offline, refused, the server). */
  loadProblem: (
    failure: SyncFailure,
    serverWords: string | null,
  ) => {
    tone: BannerTone;
    text: string;
  };
  retryLabel: string;
  /** How many wait: as a figure in the header, or as a sentence above the list. */
  count: 'header' | ((total: number) => string);
  listClassName: string;
  renderItem: (item: T, inbox: InboxReview) => ReactNode;
  /** Called after every review, done or failed (a badge that counts the inbox forgets). */
  afterReview?: () => void;
  refreshOnFailure?: boolean;
  /** Icons of the outcome banner (the tone's own when absent). */
  noticeIcons?: { info: IconName; error: IconName };
}

export function InboxScreen<T extends { id: number }>(props: InboxScreenProps<T>) {
  const t = useT();
  const words = useServerWords();
  const engine = useSyncEngine();
  const session = useSession();
  const token = session?.token ?? null;
  const mayReview = session ? may(session.user, props.action) : false;
  const [notice, setNotice] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const { fetchPage: fetchWith, afterReview, refreshOnFailure } = props;
  const fetchPage = useCallback(
    (after: string | null) => fetchWith(token!, after),
    [fetchWith, token],
  );
  const { load, refresh, loadMore, remove } = useInboxPages(token && mayReview ? fetchPage : null);

  const review: InboxReview['review'] = async (id, run, texts) => {
    if (!token) return;
    try {
      await run(token);
      afterReview?.();
      remove(id);
      setNotice({ tone: 'info', text: texts.done });
      // The review is a change on the server: bring it to this phone now.
      void engine.sync('manual');
    } catch (error) {
      afterReview?.();
      const failure = toSyncFailure(error);
      setNotice({ tone: 'error', text: `${texts.failed} ${words(failure) ?? ''}`.trim() });
      if (refreshOnFailure && failure.kind !== 'offline') void refresh();
    }
  };

  let body;
  if (session === undefined) body = <Spinner />;
  else if (!session || !token) body = <NeedSignIn />;
  else if (!mayReview) body = <p>{props.forbidden}</p>;
  else if (load.status === 'loading' || load.status === 'idle') {
    body = <Spinner label={t('app.loading')} />;
  } else if (load.status === 'error') {
    const problem = props.loadProblem(load.failure, words(load.failure));
    body = (
      <Banner
        tone={problem.tone}
        action={{ label: props.retryLabel, onClick: () => void refresh() }}
      >
        {problem.text}
      </Banner>
    );
  } else if (load.items.length === 0 && load.next === null) {
    body = <EmptyState icon="check" title={props.empty} />;
  } else {
    body = (
      <>
        {props.count !== 'header' && <p className="muted">{props.count(load.total)}</p>}
        <ul className={props.listClassName}>
          {load.items.map((item) => (
            <Fragment key={item.id}>{props.renderItem(item, { review })}</Fragment>
          ))}
        </ul>
        <InboxMore load={load} onMore={() => void loadMore()} />
      </>
    );
  }

  const titleId = `${props.name}-title`;
  return (
    <section className="screen" aria-labelledby={titleId}>
      <header className="screen__header">
        <h1 id={titleId}>{props.title}</h1>
        {props.count === 'header' && load.status === 'ready' && load.total > 0 && (
          <p className="screen__count">{formatNumber(load.total)}</p>
        )}
      </header>
      <p className="muted">{props.intro}</p>
      {notice && (
        <Banner
          tone={notice.tone}
          icon={props.noticeIcons ? props.noticeIcons[notice.tone] : undefined}
        >
          {notice.text}
        </Banner>
      )}
      {body}
    </section>
  );
}
