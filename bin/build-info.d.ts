export declare const root: string;
export declare const distDir: string;
export declare const stampPath: string;
export declare function newestSourceMtime(): number;
export declare function isBuildCurrent(): boolean;
