package org.fanzha.platform;

/** Implemented by the security principals, so any module can learn who is acting. */
public interface ActorHolder {

    Actor actor();
}
