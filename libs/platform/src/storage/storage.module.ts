import { EnvironmentVariables } from '@app/config';
import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { fileURLToPath } from 'url';
import { BlobStorage } from './blob-storage';
import { LocalDiskStorage } from './local-disk.storage';
import { S3Storage, s3LocationOf } from './s3.storage';

/** The store STORAGE_URL names: `file://` a local directory (created now), `s3://` an S3-compatible bucket. */
export async function blobStorageFor(url: string): Promise<BlobStorage> {
  if (url.startsWith('s3://')) return new S3Storage(s3LocationOf(url));
  return new LocalDiskStorage(fileURLToPath(url)).init();
}

/** The process's one BlobStorage, from STORAGE_URL; global, like the Clock. */
@Module({})
export class StorageModule {
  static forRoot(): DynamicModule {
    return {
      module: StorageModule,
      global: true,
      providers: [
        {
          provide: BlobStorage,
          inject: [ConfigService],
          useFactory: (config: ConfigService<EnvironmentVariables, true>) =>
            blobStorageFor(config.get('STORAGE_URL', { infer: true })),
        },
      ],
      exports: [BlobStorage],
    };
  }
}
