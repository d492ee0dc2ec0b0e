import { resourceTags } from 'types.bicep'

param location string
param tags resourceTags
param namespaceName string

@description('The read-events hub (ReadEvents:Topic).')
param hubName string

@description('The read counters\' consumer group (ReadEvents:ConsumerGroup).')
param consumerGroup string

@description('The hub\'s SAS rule the app signs in with (Send and Listen on this hub only).')
param ruleName string

@description('Partitions of the read-events hub: the most Function App instances that consume at once.')
param partitionCount int = 4

resource namespace 'Microsoft.EventHub/namespaces@2026-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  // Standard is the smallest tier with the Kafka endpoint.
  sku: { name: 'Standard', tier: 'Standard', capacity: 1 }
  properties: {
    kafkaEnabled: true
    minimumTlsVersion: '1.2'
    // Entra ID sign-in is not offered by the Functions Kafka trigger with a managed identity; the hub's SAS rule is used.
    disableLocalAuth: false
  }

  resource hub 'eventhubs' = {
    name: hubName
    properties: {
      partitionCount: partitionCount
      messageRetentionInDays: 1
    }

    resource counters 'consumergroups' = {
      name: consumerGroup
    }

    // Scoped to this hub only: the app sends read events and listens for them, nothing else.
    resource app 'authorizationRules' = {
      name: ruleName
      properties: { rights: [ 'Send', 'Listen' ] }
    }
  }
}

output namespaceName string = namespace.name
output hubName string = namespace::hub.name
output ruleName string = namespace::hub::app.name
// host:9093, Event Hubs' Kafka endpoint.
output bootstrapServers string = '${replace(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':443/', '')}:9093'
