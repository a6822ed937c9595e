import {
  extendZodWithOpenApi,
  OpenAPIRegistry,
  OpenApiGeneratorV31,
} from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

/** Every route registers its schemas here; /openapi.json is generated, never hand-written. */
export function createOpenApiRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'deviceSignature', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Signature',
    description:
      'HMAC-SHA256 over METHOD\\nPATH_WITH_QUERY\\nTIMESTAMP\\nNONCE\\nSHA256_HEX(BODY) with X-Device-Id, X-Timestamp, X-Nonce',
  });
  registry.registerComponent('securitySchemes', 'memberSession', {
    type: 'http',
    scheme: 'bearer',
  });
  registry.registerComponent('securitySchemes', 'staffToken', { type: 'http', scheme: 'bearer' });
  return registry;
}

export function generateOpenApiDocument(registry: OpenAPIRegistry) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Retail Member Kit API',
      version: '0.1.0',
      description: 'Membership, consent, points, checkout and parking under T/CCAGM 002-2021.',
    },
  });
}
