/** Where uploaded files live, addressed by the SHA-256 of their content. */
export interface StoredBlob {
  /** `sha256/<hex>`: stable across stores, so an S3 store can use the same keys. */
  key: string;
  sha256: string;
  size: number;
}

export interface BlobStore {
  put(data: Uint8Array): Promise<StoredBlob>;
  get(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Cheap liveness check for readiness probes. */
  ping(): Promise<void>;
}
