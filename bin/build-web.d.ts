export declare const webDir: string;
export declare const webDistDir: string;
export declare const schemaPath: string;
export declare function writeApiSchema(): Promise<void>;
export declare function buildWeb(): Promise<void>;
export declare function isWebBuildCurrent(): boolean;
