package dev.callgate.testing;

import dev.callgate.Callgate;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

/** Real AWS SDK clients pointed at a Callgate server. */
public final class Clients {
    private Clients() {
    }

    /** A ConnectClient for {@code accessKeyId} (a 12-digit key is the account in lenient mode), retries off. */
    public static ConnectClient connect(int port, String accessKeyId, String region) {
        return connect(port, accessKeyId, "secret", region, false);
    }

    public static ConnectClient connect(int port, String accessKeyId, String secret, String region, boolean retries) {
        var builder = ConnectClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)));
        if (!retries) {
            builder.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        }
        return builder.build();
    }

    /** A ServiceQuotasClient for {@code accessKeyId} (a 12-digit key is the account in lenient mode), retries off. */
    public static ServiceQuotasClient serviceQuotas(int port, String accessKeyId, String region) {
        return serviceQuotas(port, accessKeyId, "secret", region);
    }

    public static ServiceQuotasClient serviceQuotas(int port, String accessKeyId, String secret, String region) {
        return ServiceQuotasClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
