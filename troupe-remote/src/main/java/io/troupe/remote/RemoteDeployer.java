package io.troupe.remote;

import com.typesafe.config.Config;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Address;
import io.troupe.actor.Deploy;
import io.troupe.actor.internal.Deployer;
import io.troupe.remote.routing.RemoteRouterConfig;
import io.troupe.routing.Pool;
import java.util.List;
import java.util.Optional;

/**
 * The deployment config of a remote node: a pool entry with {@code target.nodes} becomes a {@link RemoteRouterConfig}
 * over those nodes; an entry's {@code remote} address is used by {@link RemoteActorRefProvider#actorOf} (it wins over
 * a {@code RemoteScope} in the Props).
 */
final class RemoteDeployer extends Deployer {
  RemoteDeployer(ActorSystem.Settings settings) {
    super(settings, settings.classLoader());
  }

  @Override
  protected Deploy parseConfig(String key, Config entry) {
    Deploy d = super.parseConfig(key, entry);
    if (d == null) return null;
    List<Address> nodes = targetNodes(d);
    if (!nodes.isEmpty() && d.routerConfig() instanceof Pool) {
      d = d.withRouterConfig(new RemoteRouterConfig((Pool) d.routerConfig(), nodes));
    }
    return d;
  }

  @Override
  protected void onRemoteSettings(String key, Optional<Address> remote, List<Address> targetNodes) {
    // used, not merely noted: see parseConfig and RemoteActorRefProvider.actorOf
  }
}
