import { resourceTags } from 'types.bicep'

param tags resourceTags
param profileName string
param endpointName string

@description('Host name of the data account\'s blob endpoint (the origin).')
param blobHost string

@description('The published-content container; only its path is routed.')
param contentContainer string

resource profile 'Microsoft.Cdn/profiles@2025-06-01' = {
  name: profileName
  location: 'global'
  tags: tags
  sku: { name: 'Standard_AzureFrontDoor' }

  resource endpoint 'afdEndpoints' = {
    name: endpointName
    location: 'global'
    tags: tags
    properties: { enabledState: 'Enabled' }

    resource route 'routes' = {
      name: 'content'
      properties: {
        originGroup: { id: profile::blobs.id }
        // Only published content is reachable through the CDN; drafts and everything else are not routed.
        patternsToMatch: [ '/${contentContainer}/*' ]
        supportedProtocols: [ 'Http', 'Https' ]
        httpsRedirect: 'Enabled'
        forwardingProtocol: 'HttpsOnly'
        linkToDefaultDomain: 'Enabled'
        // Each published body has its own blob name, so the blob's Cache-Control (Articles:PublishedCacheControl) rules.
        cacheConfiguration: {
          queryStringCachingBehavior: 'IgnoreQueryString'
          compressionSettings: {
            isCompressionEnabled: true
            contentTypesToCompress: [ 'text/html' ]
          }
        }
      }
      dependsOn: [ profile::blobs::blob ]
    }
  }

  resource blobs 'originGroups' = {
    name: 'content'
    properties: {
      loadBalancingSettings: { sampleSize: 4, successfulSamplesRequired: 3, additionalLatencyInMilliseconds: 50 }
      healthProbeSettings: { probePath: '/', probeRequestType: 'HEAD', probeProtocol: 'Https', probeIntervalInSeconds: 240 }
    }

    resource blob 'origins' = {
      name: 'blob'
      properties: {
        hostName: blobHost
        originHostHeader: blobHost
        httpsPort: 443
        priority: 1
        weight: 1000
        enforceCertificateNameCheck: true
      }
    }
  }
}

@description('Base URL of published content (Articles:CdnBaseUrl); content URLs are it + container/blob.')
output baseUrl string = 'https://${profile::endpoint.properties.hostName}/'
