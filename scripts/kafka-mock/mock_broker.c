/*
 * A Kafka broker for development and tests: librdkafka's mock cluster (rdkafka_mock.h), which speaks
 * the Kafka protocol over TCP with topics, consumer groups and committed offsets. It listens on
 * ephemeral loopback ports and writes its bootstrap address to the file named by the first argument,
 * then runs until SIGINT or SIGTERM. Usage: webook-kafka-mock <bootstrap-file> [brokers]
 * Built by scripts/stack.sh against the headers and library of the librdkafka.redist NuGet package.
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static volatile sig_atomic_t running = 1;

static void on_signal(int sig) {
    (void)sig;
    running = 0;
}

static int write_atomically(const char *path, const char *text) {
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) return -1;
    fprintf(f, "%s\n", text);
    if (fclose(f) != 0) return -1;
    return rename(tmp, path);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s <bootstrap-file> [brokers]\n", argv[0]);
        return 2;
    }
    int brokers = argc > 2 ? atoi(argv[2]) : 1;
    char errstr[512];

    /* The mock cluster lives inside a client handle; this one is never used to produce. */
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    /* Quiet the notice that this handle has no bootstrap servers: it is only the cluster's host. */
    rd_kafka_conf_set(conf, "log_level", "4", errstr, sizeof errstr);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!rk) {
        fprintf(stderr, "webook-kafka-mock: %s\n", errstr);
        return 1;
    }
    rd_kafka_mock_cluster_t *cluster = rd_kafka_mock_cluster_new(rk, brokers);
    if (!cluster) {
        fprintf(stderr, "webook-kafka-mock: could not create the mock cluster\n");
        rd_kafka_destroy(rk);
        return 1;
    }

    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    const char *bootstraps = rd_kafka_mock_cluster_bootstraps(cluster);
    if (write_atomically(argv[1], bootstraps) != 0) {
        perror("webook-kafka-mock: writing the bootstrap file");
        running = 0;
    } else {
        printf("webook-kafka-mock: librdkafka %s, %d broker(s) at %s\n", rd_kafka_version_str(), brokers, bootstraps);
        fflush(stdout);
    }
    while (running) pause();

    rd_kafka_mock_cluster_destroy(cluster);
    rd_kafka_destroy(rk);
    unlink(argv[1]);
    return 0;
}
