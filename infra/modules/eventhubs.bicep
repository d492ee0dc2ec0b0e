import { eventHub, resourceTags } from 'types.bicep'

param location string
param tags resourceTags
param namespaceName string

@description('Every Kafka topic the app produces or consumes, each with the consumer groups that read it.')
param hubs eventHub[]

@description('The namespace\'s SAS rule the app signs in with: Send and Listen on every hub of the namespace.')
param ruleName string

@minValue(1)
@maxValue(32)
@description('Partitions of each hub: the most consumers of one group that read it at once. Fixed once a hub exists (Standard tier).')
param partitionCount int

@minValue(1)
@maxValue(7)
@description('Days a hub keeps its events (Standard tier: 1 to 7).')
param messageRetentionInDays int

resource namespace 'Microsoft.EventHub/namespaces@2026-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  // Standard is the smallest tier with the Kafka endpoint.
  sku: { name: 'Standard', tier: 'Standard', capacity: 1 }
  properties: {
    kafkaEnabled: true
    minimumTlsVersion: '1.2'
    // Entra ID sign-in is not offered by the Functions Kafka trigger with a managed identity; the namespace's SAS rule is used.
    disableLocalAuth: false
  }

  // One rule for all hubs: a Kafka client signs in once per connection, and a hub's own rule admits that hub only.
  // Send and Listen: the app produces and consumes; without Manage it cannot create or change hubs.
  resource app 'authorizationRules' = {
    name: ruleName
    properties: { rights: [ 'Send', 'Listen' ] }
  }
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2026-01-01' = [for h in hubs: {
  parent: namespace
  name: h.name
  properties: {
    partitionCount: partitionCount
    messageRetentionInDays: messageRetentionInDays
  }
}]

// One entry per (hub, group): a loop cannot nest inside another.
var groups = flatten(map(range(0, length(hubs)), i => map(hubs[i].consumerGroups, g => { hub: i, name: g })))

resource group 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2026-01-01' = [for g in groups: {
  parent: hub[g.hub]
  name: g.name
}]

output namespaceName string = namespace.name
output ruleName string = namespace::app.name
// host:9093, Event Hubs' Kafka endpoint.
output bootstrapServers string = '${replace(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':443/', '')}:9093'
