export declare const SERVER_BUNDLE: string;
export declare const SERVER_SOURCES_ENTRY: string;
export declare function serverBuildIsStale(): boolean;
export declare function webBuildIsStale(): boolean;
export declare const CLI_NAMES: readonly string[];
export declare function cliSource(name: string): string;
export declare function cliBundle(name: string): string;
