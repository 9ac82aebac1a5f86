export declare const SERVER_BUNDLE: string;
export declare const SERVER_SOURCES_ENTRY: string;
export declare function serverBuildIsStale(): boolean;
export declare function webBuildIsStale(): boolean;
