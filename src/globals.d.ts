/** Set by vite.config.ts (`define`): a digest of the gazetteer file this build carries. */
declare const __GAZETTEER_VERSION__: string;
